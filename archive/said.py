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
