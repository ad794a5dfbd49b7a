"""Claims ⇄ Label Studio results (the labeling config, region ids, per-region fields, UTF-16 offsets)."""

from __future__ import annotations

import copy
import re
from typing import Any

from dprk_claims.annotate.timevalues import period
from dprk_claims.core.errors import AnnotationError, Problem
from dprk_claims.core.records import GUIDELINE_VERSION
from dprk_claims.core.schemas import enum

TEXTAREAS = ["normalized", "speaker_normalized", "kb_id", "value", "begin_point", "end_point", "unit"]
RELATIONS = ["source", "cue"]
ATTRIBUTION_KEYS = ("speaker", "speaker_start", "speaker_end", "speaker_normalized", "speaker_kb_id", "speaker_kind",
                    "cue", "cue_start", "cue_end")


def labels() -> dict[str, list[str]]:
    """Span labels by control. A claim is labelled with its check-worthiness, an entity and a time expression
    with their type, as the claims schema gives them; an attribution span is a source or a cue, a quantity one label."""
    return {"claim": enum("claims", "checkworthiness"), "attribution": ["speaker", "cue"],
            "entity": enum("claims", "entities", "type"), "timex": enum("claims", "time_expressions", "type"),
            "quantity": ["quantity"]}


def choices() -> dict[str, list[str]]:
    """Per-region choices by control, from the claims schema. A null has no choice of its own but one: the direct
    source's factuality "none" (the author's own voice). A speaker region never has the kind "author" (the
    author's voice has no speaker span)."""
    return {"claim_types": enum("claims", "claim_types"), "quote_type": enum("claims", "attribution", "quote_type"),
            "factuality_author": enum("claims", "factuality", "author"),
            "factuality_source": [*enum("claims", "factuality", "source"), "none"],
            "speaker_kind": [k for k in enum("claims", "attribution", "speaker_kind") if k != "author"],
            "timex_mod": enum("claims", "time_expressions", "mod"),
            "value_source": enum("claims", "time_expressions", "value_source"), "quantity_mod": enum("claims", "quantities", "mod")}


def label_config() -> str:
    """The Label Studio labeling config for these tasks."""
    def block(tag: str, name: str, values: list[str], extra: str = "") -> str:
        inner = "".join(f'<{tag[:-1] if tag.endswith("s") else tag} value="{v}"/>' for v in values)
        return f'  <{tag} name="{name}" toName="text"{extra}>{inner}</{tag}>\n'

    parts = ["<View>\n", '  <Header value="$article_id"/>\n']
    parts += [block("Labels", name, values) for name, values in labels().items()]
    parts.append('  <Text name="text" value="$text"/>\n')
    parts.append("  <Relations>" + "".join(f'<Relation value="{r}"/>' for r in RELATIONS) + "</Relations>\n")
    parts.append('  <View visibleWhen="region-selected">\n')
    for name, values in choices().items():
        multiple = ' choice="multiple"' if name == "claim_types" else ""
        parts.append("  " + block("Choices", name, values, f' perRegion="true"{multiple}'))
    parts += [f'    <TextArea name="{n}" toName="text" perRegion="true" editable="true" maxSubmissions="1" placeholder="{n}"/>\n'
              for n in TEXTAREAS]
    parts.append("  </View>\n</View>\n")
    return "".join(parts)


def utf16(text: str, i: int) -> int:
    """Python offset → UTF-16 offset (what Label Studio counts)."""
    return i + sum(1 for ch in text[:i] if ord(ch) > 0xFFFF)


def from_utf16(text: str, j: int) -> int:
    i = units = 0
    while i < len(text) and units < j:
        units += 2 if ord(text[i]) > 0xFFFF else 1
        i += 1
    return i


def _timex_value(fields: dict[str, Any]) -> dict[str, Any]:
    """value, begin_point and end_point of a time region. An export made before guidelines 1.3.0 holds an
    anchored period as a start/end interval, which is not a TIMEX3 value: it becomes the duration and its anchors."""
    value, begin, end = (fields.get(k) or None for k in ("value", "begin_point", "end_point"))
    if value and "/" in value and not (begin or end):
        begin, end = value.split("/", 1)
        value = period(begin, end) or value
    return {"value": value, "begin_point": begin, "end_point": end}


def to_results(text: str, claims: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Label Studio results (regions, per-region fields, relations) for a list of claim items."""
    out: list[dict[str, Any]] = []
    seen: set[str] = set()
    choice_controls = set(choices())

    def region(rid: str, start: int, end: int, control: str, label: str, fields: dict[str, Any]) -> None:
        if rid in seen:
            return
        seen.add(rid)
        value = {"start": utf16(text, start), "end": utf16(text, end)}
        out.append({"id": rid, "from_name": control, "to_name": "text", "type": "labels",
                    "value": {**value, "text": text[start:end], "labels": [label]}})
        for name, v in fields.items():
            if v is None or v == [] or v == "":
                continue
            kind = "choices" if name in choice_controls else "textarea"
            payload = {"choices": v if isinstance(v, list) else [v]} if kind == "choices" else {"text": [str(v)]}
            out.append({"id": rid, "from_name": name, "to_name": "text", "type": kind, "value": {**value, **payload}})

    for c in claims:
        a, f = c["attribution"], c["factuality"]
        cid = c["id"]
        region(cid, c["char_start"], c["char_end"], "claim", c["checkworthiness"], {
            "claim_types": c["claim_types"], "quote_type": a["quote_type"], "factuality_author": f["author"],
            "factuality_source": f["source"] or "none", "normalized": c.get("normalized")})
        if a["speaker_start"] is not None:
            sid = f"s{a['speaker_start']}-{a['speaker_end']}"
            region(sid, a["speaker_start"], a["speaker_end"], "attribution", "speaker", {
                "speaker_kind": a["speaker_kind"], "speaker_normalized": a["speaker_normalized"], "kb_id": a["speaker_kb_id"]})
            out.append({"from_id": sid, "to_id": cid, "type": "relation", "direction": "right", "labels": ["source"]})
        if a["cue_start"] is not None:
            qid = f"q{a['cue_start']}-{a['cue_end']}"
            region(qid, a["cue_start"], a["cue_end"], "attribution", "cue", {})
            out.append({"from_id": qid, "to_id": cid, "type": "relation", "direction": "right", "labels": ["cue"]})
        for e in c["entities"]:
            region(f"e{e['char_start']}-{e['char_end']}", e["char_start"], e["char_end"], "entity", e["type"], {"kb_id": e["kb_id"]})
        for t in c["time_expressions"]:
            region(f"t{t['char_start']}-{t['char_end']}", t["char_start"], t["char_end"], "timex", t["type"],
                   {"value": t["value"], "timex_mod": t["mod"], "value_source": t["value_source"],
                    "begin_point": t.get("begin_point"), "end_point": t.get("end_point")})
        for q in c["quantities"]:
            value = q["value"]
            region(f"n{q['char_start']}-{q['char_end']}", q["char_start"], q["char_end"], "quantity", "quantity",
                   {"value": None if value is None else (int(value) if float(value).is_integer() else value), "unit": q["unit"],
                    "quantity_mod": q["mod"]})
    return out


def _regions(text: str, result: list[dict[str, Any]], file: str, record: str) -> tuple[dict[str, dict[str, Any]], list[dict[str, Any]]]:
    """Regions by id (span, labels, choices, text areas) and relations; every problem in one error."""
    regions: dict[str, dict[str, Any]] = {}
    relations: list[dict[str, Any]] = []
    problems: list[Problem] = []
    label_sets, choice_sets = labels(), choices()
    for i, item in enumerate(result):
        where = f"result[{i}]"
        if item.get("type") == "relation":
            relations.append(item)
            continue
        name, value = item.get("from_name"), item.get("value") or {}
        start, end = value.get("start"), value.get("end")
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start <= end <= utf16(text, len(text))):
            problems.append(Problem(file, record, where, "offset_range", "the region's offsets are out of range",
                                    f"[{start}, {end})", "re-draw the region in Label Studio"))
            continue
        s, e = from_utf16(text, start), from_utf16(text, end)
        reg = regions.setdefault(str(item.get("id")), {"start": s, "end": e, "labels": {}, "choices": {}, "text": {}})
        kind = item.get("type")
        if kind == "labels":
            allowed = label_sets.get(str(name))
            bad = [x for x in value.get("labels", []) if allowed is None or x not in allowed]
            if bad or not value.get("labels"):
                problems.append(Problem(file, record, f"{where}.value.labels", "unknown_label",
                                        f"not a label of the control {name!r}", repr(bad or value.get("labels")),
                                        "use the labeling config of `python build_dataset.py labelstudio config`"))
            elif value.get("text") != text[s:e]:
                problems.append(Problem(file, record, f"{where}.value.text", "span_mismatch",
                                        f"the span no longer matches the article text, which has {text[s:e]!r} there",
                                        repr(value.get("text")), "re-draw the region on the current text of the article"))
            else:
                reg["labels"][name] = value["labels"][0]
        elif kind == "choices":
            bad = [x for x in value.get("choices", []) if x not in choice_sets.get(str(name), [])]
            if bad:
                problems.append(Problem(file, record, f"{where}.value.choices", "unknown_label",
                                        f"not a choice of {name!r}", repr(bad), "use the labeling config of this package"))
            reg["choices"][name] = value.get("choices", [])
        elif kind == "textarea" and name in TEXTAREAS:
            reg["text"][name] = " ".join(value.get("text", [])).strip()
        else:
            problems.append(Problem(file, record, where, "unknown_label", f"unknown control {name!r} of type {kind!r}",
                                    repr(name), "use the labeling config of `python build_dataset.py labelstudio config`"))
    if problems:
        raise AnnotationError(problems)
    return regions, relations


def _one(reg: dict[str, Any], name: str) -> str | None:
    values = reg["choices"].get(name) or []
    return str(values[0]) if values else None


def from_results(seed: dict[str, Any], annotation: dict[str, Any], existing: dict[str, Any] | None,
                 file: str, record: str) -> dict[str, Any]:
    """An annotation file (the format of ``annotations/``) from one Label Studio annotation."""
    text = seed["text"]
    regions, relations = _regions(text, annotation.get("result") or [], file, record)
    linked = {(r.get("to_id"), (r.get("labels") or ["source"])[0]): regions.get(str(r.get("from_id"))) for r in relations}
    old = {c["id"]: c for c in (existing or {}).get("claims", [])}
    claim_types = enum("claims", "claim_types")
    claims = []
    for rid, reg in sorted(regions.items(), key=lambda kv: (kv[1]["start"], kv[1]["end"])):
        if "claim" not in reg["labels"]:
            continue
        s, e = reg["start"], reg["end"]
        spk, cue = linked.get((rid, "source")), linked.get((rid, "cue"))
        top = {k: None for k in ATTRIBUTION_KEYS} | {"speaker_kind": "author"}
        if spk is not None:
            top.update(speaker=text[spk["start"]:spk["end"]], speaker_start=spk["start"], speaker_end=spk["end"],
                       speaker_normalized=spk["text"].get("speaker_normalized") or text[spk["start"]:spk["end"]],
                       speaker_kb_id=spk["text"].get("kb_id") or None, speaker_kind=_one(spk, "speaker_kind") or "person")
        if cue is not None:
            top.update(cue=text[cue["start"]:cue["end"]], cue_start=cue["start"], cue_end=cue["end"])
        chain = [] if spk is None and cue is None else [dict(top)]
        previous = old.get(rid, {}).get("attribution", {}).get("chain") or []
        if chain and previous and all(previous[-1][k] == top[k] for k in ATTRIBUTION_KEYS):
            chain = copy.deepcopy(previous)
        source = _one(reg, "factuality_source")
        inner = [x for x in regions.values() if s <= x["start"] and x["end"] <= e]
        claims.append({
            "id": rid, "char_start": s, "char_end": e, "text": text[s:e], "normalized": reg["text"].get("normalized") or None,
            "claim_types": [t for t in reg["choices"].get("claim_types") or ["event_property"] if t in claim_types],
            "checkworthiness": reg["labels"]["claim"],
            "attribution": {**top, "quote_type": _one(reg, "quote_type") or ("indirect" if chain else "none"), "chain": chain},
            "factuality": {"author": _one(reg, "factuality_author") or ("Uu" if chain else "CT+"),
                           "source": None if source in (None, "none") else source},
            "entities": [{"char_start": x["start"], "char_end": x["end"], "text": text[x["start"]:x["end"]],
                          "type": x["labels"]["entity"], "kb_id": x["text"].get("kb_id") or None}
                         for x in inner if "entity" in x["labels"]],
            "time_expressions": [{"char_start": x["start"], "char_end": x["end"], "text": text[x["start"]:x["end"]],
                                  "type": x["labels"]["timex"], **_timex_value(x["text"]),
                                  "mod": _one(x, "timex_mod"), "value_source": _one(x, "value_source") or "inferred"}
                                 for x in inner if "timex" in x["labels"]],
            "quantities": [{"char_start": x["start"], "char_end": x["end"], "text": text[x["start"]:x["end"]],
                            "value": _number(x["text"].get("value")), "unit": x["text"].get("unit") or None,
                            "mod": _one(x, "quantity_mod")} for x in inner if "quantity" in x["labels"]],
        })
    _number_ids(claims, old)
    return _file(seed, existing, claims, annotation)


def _number(value: str | None) -> int | float | None:
    if not value:
        return None
    try:
        number = float(value)
    except ValueError:
        return None
    return int(number) if number.is_integer() else number


def _number_ids(claims: list[dict[str, Any]], old: dict[str, Any]) -> None:
    """Keep the ids of curated claims (c001, …); new regions get the next unused numbers, in text order."""
    used = {int(k[1:]) for k in old if re.fullmatch(r"c[0-9]{3,}", k)}
    used |= {int(c["id"][1:]) for c in claims if re.fullmatch(r"c[0-9]{3,}", c["id"])}
    for c in claims:
        if not re.fullmatch(r"c[0-9]{3,}", c["id"]):
            number = max(used, default=0) + 1
            used.add(number)
            c["id"] = f"c{number:03d}"


def _file(seed: dict[str, Any], existing: dict[str, Any] | None, claims: list[dict[str, Any]],
          annotation: dict[str, Any]) -> dict[str, Any]:
    who = f"label-studio:{annotation.get('completed_by', 'unknown')}"
    if isinstance(annotation.get("completed_by"), dict):
        who = f"label-studio:{annotation['completed_by'].get('email') or annotation['completed_by'].get('id')}"
    data: dict[str, Any] = {"article_id": seed["article_id"], "text_sha256": seed["text_sha256"]}
    if existing is None:
        return {**data, "guideline_version": GUIDELINE_VERSION, "annotators": [who], "claims": claims}
    annotators = list(existing.get("annotators") or [])
    if claims != existing.get("claims") and who not in annotators:
        annotators.append(who)
    out = {**data, "guideline_version": existing.get("guideline_version", GUIDELINE_VERSION), "annotators": annotators}
    for key in ("notes", "metadata", "sentences"):
        if key in existing:
            out[key] = existing[key]
    out["claims"] = claims
    return out
