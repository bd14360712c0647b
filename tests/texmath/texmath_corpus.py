"""Reads corpus.txt: ML/RL formulas, each with facts its MathML must show."""
import re
from dataclasses import dataclass
from pathlib import Path

CORPUS = Path(__file__).with_name("corpus.txt")
_FORMULA = re.compile(r"^\s*(\$\$?)(.*?)\1\s*$", re.S)
_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})")


@dataclass(frozen=True)
class Entry:
    title: str
    tex: str
    display: bool
    contains: tuple[str, ...]
    absent: tuple[str, ...]


def load_corpus(path: Path = CORPUS) -> list[Entry]:
    entries = []
    for block in re.split(r"^## ", path.read_text(encoding="utf-8"), flags=re.M)[1:]:
        title, _, rest = block.partition("\n")
        source, contains, absent = [], [], []
        for line in rest.splitlines():
            if line.startswith("> "):
                contains.append(_unescape(line[2:]))
            elif line.startswith("! "):
                absent.append(_unescape(line[2:]))
            elif not line.startswith("#"):
                source.append(line)
        text = "\n".join(source).strip()
        for match in re.finditer(r"\$\$(.+?)\$\$|\$(.+?)\$", text, re.S):
            display = match.group(1) is not None
            entries.append(Entry(title.strip(), match.group(1) if display else match.group(2),
                                 display, tuple(contains), tuple(absent)))
    return entries


def _unescape(text: str) -> str:
    return _ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)
