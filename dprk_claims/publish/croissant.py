"""The Croissant 1.0 description (``croissant.json``), generated from the JSON Schemas and the written files.

One FileObject (with its sha256) per written file, and one RecordSet per config read from its Parquet
file. Nested fields become ``subField``s that read the same column through ``jsonPath`` transforms
(a transform applied to a list is applied to each element); fields marked ``x-references`` in the
schema carry ``references`` (where mlcroissant can follow them, see ``_joinable``). ``mlcroissant`` is
not imported here: it is slow to import and only the tests need it (they validate this file and read
every record set with it).
"""

from __future__ import annotations

import json
from typing import Any

from dprk_claims.core.schemas import CONFIGS, json_type, key, load, references

CONFORMS_TO = "http://mlcommons.org/croissant/1.0"
# The standard Croissant 1.0 @context, exactly as mlcroissant writes it (a test compares the two).
CONTEXT: dict[str, Any] = {
    "@language": "en", "@vocab": "https://schema.org/", "citeAs": "cr:citeAs", "column": "cr:column",
    "conformsTo": "dct:conformsTo", "cr": "http://mlcommons.org/croissant/", "rai": "http://mlcommons.org/croissant/RAI/",
    "data": {"@id": "cr:data", "@type": "@json"}, "dataType": {"@id": "cr:dataType", "@type": "@vocab"},
    "dct": "http://purl.org/dc/terms/", "equivalentProperty": "cr:equivalentProperty",
    "examples": {"@id": "cr:examples", "@type": "@json"}, "extract": "cr:extract", "field": "cr:field",
    "fileProperty": "cr:fileProperty", "fileObject": "cr:fileObject", "fileSet": "cr:fileSet", "format": "cr:format",
    "includes": "cr:includes", "isLiveDataset": "cr:isLiveDataset", "jsonPath": "cr:jsonPath", "key": "cr:key",
    "md5": "cr:md5", "parentField": "cr:parentField", "path": "cr:path", "recordSet": "cr:recordSet",
    "references": "cr:references", "regex": "cr:regex", "repeated": "cr:repeated", "replace": "cr:replace",
    "samplingRate": "cr:samplingRate", "sc": "https://schema.org/", "separator": "cr:separator", "source": "cr:source",
    "subField": "cr:subField", "transform": "cr:transform",
}
DATA_TYPES = {"string": "sc:Text", "integer": "sc:Integer", "number": "sc:Float", "boolean": "sc:Boolean"}
FORMATS = {".parquet": "application/x-parquet", ".jsonl": "application/jsonlines", ".md": "text/markdown"}


def _ref(config_dot_field: str) -> dict[str, Any]:
    config, name = config_dot_field.split(".", 1)
    return {"field": {"@id": f"{config}/{name}"}}


def _field(config: str, file_id: dict[str, Any], path: list[str], node: dict[str, Any], json_path: list[str]) -> dict[str, Any]:
    """One cr:Field for the schema node at path; json_path leads from the top-level column to it."""
    kind, _ = json_type(node)
    field: dict[str, Any] = {"@type": "cr:Field", "@id": "/".join([config, *path]), "name": path[-1],
                             "description": node.get("description", "")}
    if kind == "array":
        field["repeated"] = True
        node = node["items"]
        kind, _ = json_type(node)
    if kind == "object":
        field["subField"] = [_field(config, file_id, [*path, name], sub, [*json_path, name])
                             for name, sub in node["properties"].items()]
        return field
    field["dataType"] = DATA_TYPES[kind]
    source: dict[str, Any] = {**file_id, "extract": {"column": path[0]}}
    if json_path:
        source["transform"] = [{"jsonPath": step} for step in json_path]
    field["source"] = source
    return field


def _joinable(target: str) -> bool:
    """mlcroissant 1.1.1 reads a reference as a join, and cannot join to a record set that joins itself
    (its rows are then a generator, not a table): only references to such plain record sets are listed."""
    return not references(target.split(".", 1)[0])


def record_set(config: str, file_id: dict[str, Any]) -> dict[str, Any]:
    schema = load(config)
    refs = {name: target for name, target in references(config).items() if _joinable(target)}
    fields = []
    for name, node in schema["properties"].items():
        field = _field(config, file_id, [name], node, [])
        if name in refs:
            field["references"] = _ref(refs[name])
        fields.append(field)
    keys = [{"@id": f"{config}/{k}"} for k in key(config)]
    return {"@type": "cr:RecordSet", "@id": config, "name": config, "description": schema.get("description", ""),
            "key": keys[0] if len(keys) == 1 else keys, "field": fields}


def _file_object(path: str, sha256: str) -> dict[str, Any]:
    suffix = path[path.rfind("."):]
    return {"@type": "cr:FileObject", "@id": path, "name": path, "contentUrl": path,
            "encodingFormat": FORMATS[suffix], "sha256": sha256}


def _file_set(config: str) -> dict[str, Any]:
    return {"@type": "cr:FileSet", "@id": f"data/{config}", "name": f"data/{config}", "encodingFormat": FORMATS[".parquet"],
            "includes": f"data/{config}/*.parquet"}


def render(meta: dict[str, Any], parquet: dict[str, list[str]], sha256: dict[str, str]) -> str:
    """The croissant.json text.

    meta: name, description, version, date_published (or None), cite_as, keywords, license (name, url);
    parquet: {config: the relative paths of its Parquet shards}; sha256: {relative path: hex digest} of every
    data file to list. A config in one file is read from that FileObject; a sharded one from a FileSet of
    its shards (each shard is still listed as a FileObject with its sha256).
    """
    doc: dict[str, Any] = {
        "@context": CONTEXT,
        "@type": "sc:Dataset",
        "conformsTo": CONFORMS_TO,
        "name": meta["name"],
        "description": meta["description"],
        "license": {"@type": "sc:CreativeWork", "name": meta["license_name"], "url": meta["license_url"]},
        "version": meta["version"],
        "citeAs": meta["cite_as"],
        "keywords": meta["keywords"],
        "inLanguage": meta["language"],
        "creator": {"@type": "sc:Organization", "name": meta["creator"]},
    }
    if meta.get("date_published"):
        doc["datePublished"] = meta["date_published"]
    doc["distribution"] = [_file_object(path, sha256[path]) for path in sorted(sha256)]
    sources = {}
    for config in CONFIGS:
        if len(parquet[config]) == 1:
            sources[config] = {"fileObject": {"@id": parquet[config][0]}}
        else:
            doc["distribution"].append(_file_set(config))
            sources[config] = {"fileSet": {"@id": f"data/{config}"}}
    doc["recordSet"] = [record_set(config, sources[config]) for config in CONFIGS]
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
