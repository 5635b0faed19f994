"""A message said in English that keeps its id and values, for a caller that says it in another language."""

from __future__ import annotations


class Said(str):
    """`message_id` (English with %(name)s places) filled with `params`: it reads and serialises as
    the English text (JSON, the run log, tests), while the CLI looks the id up in its catalogue."""

    message_id: str
    params: dict

    def __new__(cls, message_id: str, **params) -> Said:
        said = super().__new__(cls, message_id % params if params else message_id)
        said.message_id, said.params = message_id, params
        return said

    def __reduce__(self):  # copies (dataclasses.asdict, pickling) keep the id and values
        return _said, (type(self), self.message_id, self.params)


def _said(kind: type, message_id: str, params: dict) -> Said:
    return kind(message_id, **params)


class SaidCount(Said):
    """A Said whose words follow a number, `count` among its values ("1 article", "2 articles"): the
    CLI picks the form by its language's plural rules (ngettext)."""

    plural_id: str

    def __new__(cls, singular: str, plural: str, count: int, **params) -> SaidCount:
        params = {"count": count, **params}
        said = str.__new__(cls, (singular if count == 1 else plural) % params)
        said.message_id, said.plural_id, said.params = singular, plural, params
        return said

    def __reduce__(self):
        return _said_count, (type(self), self.message_id, self.plural_id, self.params)


def _said_count(kind: type, singular: str, plural: str, params: dict) -> SaidCount:
    values = dict(params)
    return kind(singular, plural, values.pop("count"), **values)
