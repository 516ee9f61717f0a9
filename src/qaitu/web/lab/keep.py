"""A variant file saved through the lab's form keeps what the form did not change: the form's
values are written into the file as it was read (a round-trip YAML reader, ruamel.yaml), value
by value, so that its comments, the order of its keys and the shape of each untouched value
(quotes, folded or literal text, a list on one line) stay as the drafter wrote them.

What goes: a value the form changed is written anew (a comment on its own line stays); an
element the form removed (a provision, a parameter, a wording in one language) is removed
with the comments inside it and the comment lines just above it, which are read as its own;
the comment lines above the element after it stay, above that element."""

from __future__ import annotations

import datetime as dt
import io
import json
import threading
from collections.abc import Iterable
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import CommentMark
from ruamel.yaml.scalarstring import (
    DoubleQuotedScalarString,
    FoldedScalarString,
    LiteralScalarString,
    SingleQuotedScalarString,
)
from ruamel.yaml.tokens import CommentToken

#: The keys of a variant file the form writes (:meth:`DraftForm.to_data`), and of a provision
#: (:meth:`ProvisionForm.to_data`): one of these the form no longer gives is removed; any
#: other key is left as it is.
VARIANT_KEYS = frozenset({"name", "title", "short_title", "author", "date", "status", "summary",
                          "text", "jurisdictions", "provisions"})
PROVISION_KEYS = frozenset({"id", "article", "title", "text", "parameters"})


#: Indentations a file may use (mapping, sequence, offset of the dash): the usual two spaces
#: with the dash indented (as the shipped variants), without, and four.
INDENTS = ((2, 4, 2), (2, 2, 0), (4, 4, 2), (4, 6, 4), (4, 4, 0))


def _reader(text: str) -> tuple[YAML, Any]:
    """The file read for a round trip, and a writer indenting as the file does: the first of
    :data:`INDENTS` that writes the file back as it is, else the one closest to it."""
    best: tuple[int, YAML, Any] | None = None
    for mapping, sequence, offset in INDENTS:
        y = YAML()  # round trip
        y.preserve_quotes = True
        y.width = 1_000_000  # an untouched line is never folded anew
        y.indent(mapping=mapping, sequence=sequence, offset=offset)
        doc = y.load(text)
        out = io.StringIO()
        y.dump(doc, out)
        lines = text.splitlines()
        off = sum(a != b for a, b in zip(lines, out.getvalue().splitlines(), strict=False))
        if off == 0:
            return y, y.load(text)  # read again: the dump may have marked it
        if best is None or off < best[0]:
            best = (off, y, doc)
    assert best is not None
    return best[1], best[1].load(text)


def save(text: str, data: dict[str, Any], origins: Iterable[int | None]) -> str:
    """``text`` (a variant file) with the form's ``data`` written into it: ``origins`` gives,
    for each of ``data["provisions"]``, the index of the provision of ``text`` it was read
    from (None for one the form added); a provision of ``text`` no origin names was removed.
    A file that is not a mapping is written anew from ``data``."""
    y, doc = _reader(text)
    if not isinstance(doc, CommentedMap):
        doc = CommentedMap()
    _LOCAL.parents = {}
    try:
        _index(doc)
        old = doc.get("provisions")
        if isinstance(old, CommentedSeq) and isinstance(data.get("provisions"), list):
            _provisions(old, data["provisions"], list(origins))
            data = {k: (old if k == "provisions" else v) for k, v in data.items()}
        _update(doc, data, VARIANT_KEYS)
        out = io.StringIO()
        y.dump(doc, out)
        return out.getvalue()
    finally:
        _LOCAL.parents = {}  # the file's nodes are not kept past the save


#: ``parents``: each mapping or list of the file being saved (by ``id``) → the mapping or list
#: holding it, and its key there; filled by :func:`save` for the file it reads, one per thread.
_LOCAL = threading.local()


def _parent(node: Any) -> tuple[Any, Any]:
    return _LOCAL.parents.get(id(node), (None, None))  # type: ignore[no-any-return]


def _same_place(a: tuple[Any, Any], b: tuple[Any, Any]) -> bool:
    return a[0] is b[0] and a[1] == b[1]


def _index(node: Any) -> None:
    items = (node.items() if isinstance(node, CommentedMap)
             else enumerate(node) if isinstance(node, CommentedSeq) else ())
    for key, value in items:
        if isinstance(value, CommentedMap | CommentedSeq):
            _LOCAL.parents[id(value)] = (node, key)
            _index(value)


def _put(container: Any, key: Any, value: Any) -> None:
    """A value set in place of another, the comment lines after the old one kept after the
    new one (ruamel holds them with the last line within a value, which a new value lacks)."""
    _own, after = _after(*_tail(container, key))
    own_line, _old = _after(container, key)
    old_end = _tail(container, key)
    if not _same_place(old_end, (container, key)):
        end_own, _lines = _after(*old_end)
        _set_after(*old_end, end_own, "")
    container[key] = value
    if isinstance(value, CommentedMap | CommentedSeq):
        _LOCAL.parents[id(value)] = (container, key)
    end = _tail(container, key)
    if not _same_place(end, (container, key)):
        _set_after(container, key, own_line if own_line.strip() else "", "")
    end_own, _lines = _after(*end)
    _set_after(*end, end_own, after)


def _update(mapping: CommentedMap, new: dict[str, Any], managed: frozenset[str]) -> None:
    """A mapping of the file holding ``new``: its keys among ``managed`` that ``new`` lacks
    removed, each of ``new`` merged into its own (or added after the others); other keys are
    left as they are."""
    for key in [k for k in mapping if k in managed and k not in new]:
        _remove(mapping, key)
    for key, value in new.items():
        if value is mapping.get(key):
            continue
        if key in mapping:
            merged = _merge(mapping[key], value)
            if merged is not mapping[key]:
                _put(mapping, key, merged)
        elif not _empty(value):
            mapping[key] = _fresh(value)


def _provisions(seq: CommentedSeq, new: list[dict[str, Any]], origins: list[int | None]) -> None:
    """The provisions in place: each kept one merged into the one it was read from, the
    removed ones removed, the added ones after them, in the form's order."""
    if sorted(o for o in origins if o is not None) != [o for o in origins if o is not None] \
            or any(o is not None and not (0 <= o < len(seq)) for o in origins):
        # reordered (the form does not reorder) or not from this file: by position
        origins = [i if i < len(seq) else None for i in range(len(new))]
    kept = {o for o in origins if o is not None}
    for i in sorted(set(range(len(seq))) - kept, reverse=True):
        _remove(seq, i)
    position = {o: n for n, o in enumerate(sorted(kept))}
    for value, origin in zip(new, origins, strict=True):
        if origin is None:
            seq.append(_fresh(value))
            continue
        item = seq[position[origin]]
        if isinstance(item, CommentedMap):
            _update(item, value, PROVISION_KEYS)
        else:
            _put(seq, position[origin], _fresh(value))


def _merge(node: Any, new: Any) -> Any:
    """``node`` (as read) holding ``new``: itself where it already holds it, a mapping or a
    list changed in place (each entry merged in turn), else a fresh value shaped like it."""
    if isinstance(node, CommentedMap) and isinstance(new, dict):
        _update(node, new, frozenset(node))
        return node
    if _same(node, new):
        return node
    if isinstance(node, CommentedSeq) and isinstance(new, list):
        for i in range(len(node) - 1, len(new) - 1, -1):
            _remove(node, i)
        for i, value in enumerate(new):
            if i < len(node):
                merged = _merge(node[i], value)
                if merged is not node[i]:
                    _put(node, i, merged)
            else:
                node.append(_fresh(value, like=node[0] if node else None))
        return node
    return _fresh(new, like=node)


def _plain(value: Any) -> Any:
    """A value as plain JSON data (a date as its ISO text), to compare what is read with what
    the form gives."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value)
    return str(value)


def _same(old: Any, new: Any) -> bool:
    return json.dumps(_plain(old), sort_keys=True) == json.dumps(_plain(new), sort_keys=True)


def _empty(value: Any) -> bool:
    return value in ({}, [], "", None)


def _fresh(value: Any, like: Any = None) -> Any:
    """``value`` as the file will write it, in the shape of the value it replaces: quoted as
    it was quoted, a text over several lines as a block (``|-``), a date as a date, a list on
    one line where the old one was."""
    if isinstance(value, dict):
        out = CommentedMap()
        for key, v in value.items():
            if not _empty(v) or key in ("parameters",):
                out[key] = _fresh(v)
        return out
    if isinstance(value, list):
        seq = CommentedSeq(_fresh(v, like=like[0] if isinstance(like, list) and like else None)
                           for v in value)
        if isinstance(like, CommentedSeq) and like.fa.flow_style():
            seq.fa.set_flow_style()
        return seq
    if isinstance(value, str):
        if isinstance(like, dt.date) and not isinstance(like, dt.datetime):
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                return value
        if "\n" in value:
            return LiteralScalarString(value)
        if isinstance(like, FoldedScalarString | LiteralScalarString):
            return type(like)(value)
        if isinstance(like, DoubleQuotedScalarString | SingleQuotedScalarString):
            return type(like)(value)
    return value


def _tail(container: Any, key: Any) -> tuple[Any, Any]:
    """Where the comment lines after an entry are held: with the last line within it (ruamel
    keeps a comment with the entry whose line comes before it)."""
    value = container[key]
    if isinstance(value, CommentedMap) and value:
        return _tail(value, list(value)[-1])
    if isinstance(value, CommentedSeq) and value:
        return _tail(value, len(value) - 1)
    return container, key


def _slot(container: Any) -> int:
    """The place of the after-comment among an entry's comments (a mapping's value: 2; a
    list's item: 0)."""
    return 2 if isinstance(container, CommentedMap) else 0


def _after(container: Any, key: Any) -> tuple[str, str]:
    """The comment held after an entry's last line: what ends that line (a comment on it, or
    just its end), and the lines after it (which stand above the next entry)."""
    item = container.ca.items.get(key)
    token = item[_slot(container)] if item and len(item) > _slot(container) else None
    if token is None or not isinstance(token, CommentToken):
        return "", ""
    line, nl, rest = token.value.partition("\n")
    return line + nl, rest


def _set_after(container: Any, key: Any, own: str, after: str) -> None:
    item = container.ca.items.get(key)
    slot = _slot(container)
    text = (own or ("\n" if after else "")) + after
    if item is None:
        if not text:
            return
        item = container.ca.items.setdefault(key, [None, None, None, None])
    while len(item) <= slot:
        item.append(None)
    if not text or text == "\n":
        item[slot] = None
    elif isinstance(item[slot], CommentToken):
        item[slot].value = text
    else:
        item[slot] = CommentToken(text, CommentMark(0), None)


def _remove(container: Any, key: Any) -> None:
    """An entry removed with its own comments (inside it, and the lines just above it), the
    lines above the next entry kept above that entry."""
    keys = list(container) if isinstance(container, CommentedMap) else list(range(len(container)))
    at = keys.index(key)
    _own, after = _after(*_tail(container, key))
    if at > 0:
        before = _tail(container, keys[at - 1])
        own, _lines_above = _after(*before)
        _set_after(*before, own, after)
    else:
        # the first entry: the lines above it are held by the mapping holding this one (with
        # its key); they go, and the lines above the next entry take their place
        parent, pkey = _parent(container)
        lines = ([CommentToken(line + "\n", CommentMark(0), None)
                  for line in after.rstrip("\n").split("\n")]
                 if after.strip() and at + 1 < len(keys) else None)
        if isinstance(parent, CommentedMap):
            item = parent.ca.items.setdefault(pkey, [None, None, None, None])
            item[3] = lines
        elif lines:
            nxt = container.ca.items.setdefault(keys[at + 1], [None, None, None, None])
            nxt[1] = lines + (nxt[1] or [])
    del container[key]
