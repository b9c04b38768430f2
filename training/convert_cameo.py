"""Convert the PETRARCH2 CAMEO verb dictionary into the project's frame verb lexicon (data/lexicons/cameo_verbs.csv).

Run: ``python training/convert_cameo.py [SHARED_DEV]`` (default ``../shared/dev`` relative to the repo root).
Reads ``petrarch2/CAMEO.2.0.txt`` (MIT, Open Event Data Alliance) and writes one row per verb pattern whose
CAMEO code is a cooperation (01–09) or conflict (10–20) event, or a null code that overrides a coded verb
(CAMEO's own word-sense exceptions). Each row keeps the CAMEO code, its class and the block it came from.
Patterns are matched without a parser: the pattern's words must follow (or precede) the verb within a short window.
"""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "data" / "lexicons"
VERB_COLUMNS = ["verb", "forms", "block", "cameo_code", "cameo_class"]
PATTERN_COLUMNS = ["block", "before", "after", "cameo_code", "cameo_class"]
# Verbs so common, or so often used in a non-event sense, that a bare window match says nothing; their
# patterns are dropped (a note in the lexicon README lists them).
SKIPPED_VERBS = {
    "be",
    "have",
    "do",
    "say",
    "tell",
    "make",
    "take",
    "give",
    "get",
    "go",
    "come",
    "put",
    "see",
    "look",
    "know",
    "think",
    "want",
    "use",
    "find",
    "keep",
    "let",
    "seem",
    "become",
    "leave",
    "show",
    "hold",
    "turn",
    "set",
    "run",
    "move",
    "live",
    "bring",
    "write",
    "sit",
    "stand",
    "lose",
    "pay",
    "include",
    "continue",
    "add",
}
_CODE = re.compile(r"\[([0-9:\-]*)\]")


def cameo_class(code: str) -> str:
    """The CAMEO class of an event code: verbal/material cooperation (01–05/06–09), verbal/material conflict."""
    root = int(code[:2])
    if root <= 5:
        return "verbal cooperation"
    if root <= 9:
        return "material cooperation"
    if root <= 14:
        return "verbal conflict"
    return "material conflict"


def _first_code(raw: str) -> str:
    """The source-side code of ``[a:b]`` (the target side when the source side is empty); '---' is null."""
    parts = [part for part in raw.split(":") if part]
    return parts[0] if parts else "---"


def _regular_forms(word: str) -> list[str]:
    """Regular English forms of a verb (over-generating is harmless: a non-word never matches)."""
    forms = {word}
    if re.search(r"(s|x|z|ch|sh)$", word):
        forms.add(word + "es")
    elif re.search(r"[^aeiou]y$", word):
        forms.add(word[:-1] + "ies")
    else:
        forms.add(word + "s")
    if word.endswith("e"):
        forms.update({word + "d", word[:-1] + "ing"} if not word.endswith("ee") else {word + "d", word + "ing"})
    elif re.search(r"[^aeiou]y$", word):
        forms.update({word[:-1] + "ied", word + "ing"})
    else:
        forms.update({word + "ed", word + "ing"})
        if re.search(r"[^aeiou][aeiou][bdgklmnprt]$", word):  # ban → banned; also visit → visitted, harmless
            forms.update({word + word[-1] + "ed", word + word[-1] + "ing"})
    return sorted(forms)


def _is_irregular_past(form: str, lemma: str) -> bool:
    """Whether a listed form is an irregular past or participle (not the lemma, no -s, -ing or -ed ending)."""
    return form != lemma and not form.endswith(("s", "ing", "ed"))


def _parse_verb(line: str) -> tuple[str, list[str], str | None] | None:
    """A verb line: its lemma (words joined by spaces), its forms, and its own code if it has one."""
    line = line.split("#", 1)[0].strip()
    if not line:
        return None
    code = _CODE.search(line)
    own = _first_code(code.group(1)) if code else None
    line = _CODE.sub("", line)
    irregular = None
    if "{" in line:
        line, _, rest = line.partition("{")
        irregular = rest.split("}", 1)[0].split()
    head = line.split()[0]
    lemma = head.replace("+", "").replace("_", " ").lower()
    words = head.split("_")
    marked = next((i for i, w in enumerate(words) if w.startswith("+")), 0)
    verb_word = words[marked].lstrip("+").lower()
    forms = set()
    for form in _regular_forms(verb_word):
        forms.add(
            " ".join(
                [*(w.lower().lstrip("+") for w in words[:marked]), form, *(w.lower() for w in words[marked + 1 :])]
            )
        )
    forms.add(lemma)
    if irregular is not None:
        given = {f.replace("+", "").replace("_", " ").lower() for f in irregular}
        # CAMEO's own list replaces the regular forms only when it holds an irregular past (fight: fought, so no
        # "fighted"); a list of regular forms only is kept with the regular ones, which also mend its misspellings and
        # gaps (ASSAILLING for assailing, COMBATTED without combated / combating, OVERIDDING without overriding).
        # A one-syllable verb keeps only its doubled forms (hop: hopped, not "hoped", a form of hope).
        if len(re.findall(r"[aeiou]+", verb_word)) == 1 and re.search(r"[^aeiou][aeiou][bdgklmnprt]$", verb_word):
            forms = {f for f in forms if not re.search(rf"\b{verb_word}(?:ed|ing)\b", f)}
        forms = {lemma} | given if any(_is_irregular_past(f, lemma) for f in given) else forms | given
    return lemma, sorted(forms), own


def _parse_synsets(lines: list[str]) -> dict[str, list[str]]:
    synsets: dict[str, list[str]] = {}
    name = None
    for line in lines:
        text = line.split("#", 1)[0].rstrip()
        if text.startswith("&"):
            name = text.strip()
            synsets[name.rstrip("_")] = []
            synsets[name] = synsets[name.rstrip("_")]
            plural = not name.endswith("_")
        elif text.startswith("+") and name:
            phrase = text[1:].strip()
            no_plural = phrase.endswith("_") or not plural
            phrase = phrase.rstrip("_").replace("_", " ").lower()
            synsets[name].append(phrase)
            if not no_plural:
                synsets[name].append(_plural(phrase))
        elif not text.strip():
            name = None
    return synsets


def _plural(phrase: str) -> str:
    if phrase.endswith("ss"):
        return phrase + "es"
    if re.search(r"[^aeiou]y$", phrase):
        return phrase[:-1] + "ies"
    return phrase + "s"


def _words(part: str, synsets: dict[str, list[str]]) -> str | None:
    """A pattern half as a '|'-free sequence: words separated by spaces, a synset as (a/b/c); None if unusable."""
    cleaned = re.sub(r"[{}()$%^+]", " ", part)
    tokens = []
    for token in cleaned.split():
        if token.startswith("&"):
            members = synsets.get(token) or synsets.get(token.rstrip("_"))
            if not members:
                return None
            tokens.append("(" + "/".join(sorted(set(members))) + ")")
        elif re.fullmatch(r"[A-Za-z][A-Za-z'\-/]*", token):
            tokens.append(token.lower().replace("/", "|") if "/" in token else token.lower())
        else:
            return None
    return " ".join(tokens)


def convert(source: Path) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    """Verb rows (each verb's forms and isolated code) and pattern rows (per block) from CAMEO.2.0.txt, sorted."""
    lines = source.read_text(encoding="utf-8", errors="replace").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("####### VERB PATTERNS"))
    end = next(i for i, line in enumerate(lines) if line.startswith("######## TRANSFORMATIONS"))
    synsets = _parse_synsets(lines[:start])
    verbs: dict[str, dict[str, str]] = {}
    patterns: dict[tuple[str, str, str], dict[str, str]] = {}
    block, block_code, block_verbs = "", "---", []
    for line in lines[start + 1 : end]:
        if line.startswith("---"):
            match = re.match(r"---\s+(\S+)\s+\[([^\]]*)\]", line)
            block, block_code, block_verbs = match.group(1).lower(), _first_code(match.group(2)), []
            continue
        if line.startswith("- "):
            body = line[2:].split("#", 1)[0]
            code = _CODE.search(body)
            if not code or "*" not in body or not block_verbs:
                continue
            value = _first_code(code.group(1))
            before, _, after = _CODE.sub("", body).partition("*")
            before_words, after_words = _words(before, synsets), _words(after, synsets)
            if before_words is None or after_words is None or not (before_words or after_words):
                continue
            if not _is_frame_code(value) and not any(_is_frame_code(v["cameo_code"] or "---") for v in block_verbs):
                continue  # a null pattern only matters where it overrides a coded verb
            key = (block, before_words, after_words)
            patterns.setdefault(key, _row(block=block, before=before_words, after=after_words, code=value))
            continue
        parsed = _parse_verb(line)
        if not parsed:
            continue
        lemma, forms, own = parsed
        if lemma in SKIPPED_VERBS:
            continue
        code = own or block_code
        row = _row(block=block, code=code, verb=lemma, forms="|".join(forms))
        block_verbs.append(row)
        verbs.setdefault(lemma, row)  # a verb listed in two blocks keeps its first
    return [verbs[k] for k in sorted(verbs)], [patterns[k] for k in sorted(patterns)]


def _is_frame_code(code: str) -> bool:
    return code != "---" and code[:2].isdigit() and 1 <= int(code[:2]) <= 20


def _row(block: str, code: str, **fields: str) -> dict[str, str]:
    frame_code = _is_frame_code(code)
    return {
        **fields,
        "block": block,
        "cameo_code": code if frame_code else "",
        "cameo_class": cameo_class(code) if frame_code else "no event",
    }


def _write(path: Path, columns: list[str], rows: list[dict[str, str]]) -> None:
    temporary = path.with_suffix(".tmp")
    with temporary.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    temporary.replace(path)


def main(argv: list[str]) -> int:
    """Write data/lexicons/cameo_verbs.csv and cameo_patterns.csv from SHARED_DEV/petrarch2/CAMEO.2.0.txt."""
    shared = Path(argv[0]) if argv else ROOT.parent / "shared" / "dev"
    source = shared / "petrarch2" / "CAMEO.2.0.txt"
    if not source.is_file():
        print(f"{source}: no such file (pass the shared dev folder)", file=sys.stderr)
        return 2
    verbs, patterns = convert(source)
    OUT.mkdir(parents=True, exist_ok=True)
    _write(OUT / "cameo_verbs.csv", VERB_COLUMNS, verbs)
    _write(OUT / "cameo_patterns.csv", PATTERN_COLUMNS, patterns)
    print(f"{OUT}: {len(verbs)} verbs, {len(patterns)} patterns")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
