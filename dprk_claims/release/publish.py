"""``publish``: upload a released dataset folder to the Hugging Face Hub and tag it ``v<version>``, so that
``load_dataset(repo_id, revision="v<version>")`` loads exactly that release.

The folder must pass ``verify`` and carry a released version (not ``+dev``). ``plan`` says exactly what
would be sent; ``--dry-run`` stops there and never touches the network. ``huggingface_hub`` is imported
only for a real upload.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dprk_claims.core.errors import Problem, PublishError
from dprk_claims.publish import manifest

# Remote files under these folders that the release does not hold are deleted, so a config or shard that
# a release drops does not linger on the Hub.
DELETE_PATTERNS = ["data/**", "jsonl/**"]


@dataclass(frozen=True)
class Plan:
    repo_id: str
    folder: Path
    version: str
    files: list[dict[str, Any]]  # path, bytes, sha256

    @property
    def tag(self) -> str:
        return f"v{self.version}"

    def lines(self) -> list[str]:
        out = [f"would upload {len(self.files)} files from {self.folder} to the dataset repository {self.repo_id} "
               f"(https://huggingface.co/datasets/{self.repo_id}), creating it if needed:"]
        out += [f"  {f['path']}  {f['bytes']} bytes  sha256 {f['sha256']}" for f in self.files]
        out.append(f"would delete remote files matching {', '.join(DELETE_PATTERNS)} that are not listed above")
        out.append(f"would tag the upload {self.tag}: load it with load_dataset({self.repo_id!r}, revision={self.tag!r})")
        return out


def plan(folder: Path, repo_id: str) -> Plan:
    """What publish would send; refuses a folder that fails verify or is not a release."""
    meta = manifest.verify(folder)
    if "/" not in repo_id or repo_id.count("/") != 1 or not all(repo_id.split("/")):
        raise PublishError([Problem(repo_id, None, "repo_id", "bad_repo_id", "not a Hub repository id", repo_id,
                                      "write it as OWNER/NAME, for example my-org/dprk-unsc-claims")])
    if "+" in meta["version"] or not meta.get("released"):
        raise PublishError([Problem(str(folder / manifest.MANIFEST), None, "version", "not_released",
                                      "this folder is not a release, so it is not published", repr(meta["version"]),
                                      "cut a release with `python build_dataset.py release VERSION`, or build from a release tag")])
    files = [{"path": f["path"], "bytes": f["bytes"], "sha256": f["sha256"]} for f in meta["files"]]
    path = folder / manifest.MANIFEST
    files.append({"path": manifest.MANIFEST, "bytes": path.stat().st_size, "sha256": manifest.sha256_file(path)})
    return Plan(repo_id, folder, meta["version"], sorted(files, key=lambda f: f["path"]))


TIMEOUT = 60.0  # seconds without an answer before a request to the Hub fails (connecting: CONNECT_TIMEOUT)
CONNECT_TIMEOUT = 10.0
RETRIES = 3  # a connection that fails is tried again this many times (nothing was sent, so it is safe)


def _client_factory() -> Any:
    """huggingface_hub's HTTP client with timeouts (its default has none) and bounded retries of failed connections."""
    import httpx2
    from huggingface_hub.utils._http import hf_request_event_hook

    def factory() -> Any:
        return httpx2.Client(event_hooks={"request": [hf_request_event_hook]}, follow_redirects=True,
                             timeout=httpx2.Timeout(TIMEOUT, connect=CONNECT_TIMEOUT), transport=httpx2.HTTPTransport(retries=RETRIES))

    return factory


def publish(folder: Path, repo_id: str, dry_run: bool, private: bool = False) -> Plan:
    the_plan = plan(folder, repo_id)
    if dry_run:
        return the_plan
    import httpx2
    from huggingface_hub import HfApi, constants, set_client_factory
    from huggingface_hub.errors import HfHubHTTPError

    set_client_factory(_client_factory())
    api = HfApi()
    endpoint = api.endpoint or constants.ENDPOINT
    try:
        api.create_repo(repo_id, repo_type="dataset", exist_ok=True, private=private)
        api.upload_folder(repo_id=repo_id, repo_type="dataset", folder_path=str(folder),
                          commit_message=f"Release {the_plan.version}", delete_patterns=DELETE_PATTERNS)
        api.create_tag(repo_id, tag=the_plan.tag, tag_message=f"dprk-unsc-claims {the_plan.version}", repo_type="dataset")
    except httpx2.TimeoutException as err:
        raise PublishError([Problem(endpoint, None, None, "hub_timeout", f"the Hub did not answer within {TIMEOUT:g} s "
                                    f"({type(err).__name__})", None, "check your network or proxy and https://status.huggingface.co, "
                                    "then publish again (nothing is lost: publishing again sends the same files)")]) from None
    except httpx2.TransportError as err:
        raise PublishError([Problem(endpoint, None, None, "hub_unreachable", f"cannot reach the Hub, tried {RETRIES + 1} times: "
                                    f"{str(err) or type(err).__name__}".splitlines()[0], None,
                                    "check your network connection, proxy (HTTPS_PROXY) and HF_ENDPOINT, then publish again")]) from None
    except (HfHubHTTPError, OSError, ValueError) as err:
        raise PublishError([Problem(repo_id, None, None, "hub_error", f"the Hub refused the upload: {err}".splitlines()[0],
                                    None, "log in with `hf auth login` (or set HF_TOKEN to a token with write access) and "
                                    "check that the repository id is yours")]) from err
    return the_plan
