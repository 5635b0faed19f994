"""The query language's grammar: what a user types, read into a small tree, or a QueryError with a hint."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

MAX_QUERY_CHARS = 2000
MAX_PROXIMITY = 100
MIN_PREFIX = 2  # what a prefix stands for is bounded against the index: search.prefixes
# A tree this deep is no query a person writes; deeper, its reading would recurse past Python's limit.
MAX_NESTING = 32  # levels of ( ) and NOT
MATCH_ALL = "*"

# Operators: English and Russian in capitals (a lowercase "и" or "не" is an ordinary, stopped
# word), Kazakh in any case ("және", "немесе" are function words, never searched). "или" is OR
# in any case: it has no other use in a query.
OR_WORDS = frozenset({"OR", "ИЛИ", "или", "|", "||"})
AND_WORDS = frozenset({"AND", "И", "&", "&&"})
NOT_WORDS = frozenset({"NOT", "НЕ"})
_KAZAKH_OR, _KAZAKH_AND = "немесе", "және"

WORD_FIELDS = ("title", "text")
ENTITY_FIELDS = ("person", "org", "region", "city")  # a name matched whole: person:"Касым-Жомарт Токаев"
FILTER_FIELDS = ("source", "lang", "date", "year", *ENTITY_FIELDS, "status")
FIELD_HINT = (
    "fields are title:, text:, source:, lang:, date: (e.g. date:2021 or date:2021-01..2021-06), "
    "person:, org:, region:, city:, status: (edited, gone, moved, unchanged, unchecked)"
)


class QueryError(ValueError):
    """A query that cannot be understood; `hint` says how to fix it. Message and hint may be English
    with %(name)s places filled from `params`: `message_id` and `hint_id` keep them unfilled, for a
    caller that says them in another language (the CLI's catalogue)."""

    def __init__(self, message: str, hint: str = "", **params):
        self.message_id, self.hint_id, self.params = message, hint, params
        self.message = message % params if params else message
        self.hint = hint % params if params else hint
        super().__init__(self.message)

    def __str__(self) -> str:
        return f"{self.message} (hint: {self.hint})" if self.hint else self.message


@dataclass
class Word:
    text: str
    exact: bool = False  # "=Таразе": this form only, no morphology
    prefix: bool = False  # "ассамбл*"
    scope: str | None = None  # "title" or "text"; None for both


@dataclass
class Phrase:
    text: str
    slop: int | None = None  # '"a b"~5': within 5 words, any order
    exact: bool = False
    scope: str | None = None


@dataclass
class Filter:
    name: str  # source, lang, date, or an entity field (person, org, region, city)
    value: str


@dataclass
class MatchAll:
    pass


@dataclass
class Not:
    child: Node


@dataclass
class And:
    children: list[Node] = field(default_factory=list)


@dataclass
class Or:
    children: list[Node] = field(default_factory=list)


Node = Word | Phrase | Filter | MatchAll | Not | And | Or

_TOKEN = re.compile(
    r"""
    (?P<space>\s+)
  | (?P<open>\()
  | (?P<close>\))
  | (?P<phrase>(?P<pfield>[^\W\d_]+:)?(?P<peq>=)?"(?P<ptext>[^"]*)"(?:~(?P<slop>\S*))?)
  | (?P<quote>")
  | (?P<word>[^\s()"]+)
    """,
    re.VERBOSE,
)
_FIELD_PREFIX = re.compile(r"^([^\W\d_]+):(.*)$")


@dataclass
class _Token:
    kind: str  # open, close, or, and, not, atom
    node: Node | None = None
    text: str = ""
    negated: bool = False  # "-word"


def parse(text: str) -> Node:
    """The tree of a query; QueryError with a hint for anything malformed."""
    if not isinstance(text, str) or not text.strip():
        raise QueryError("empty query", "type some words, or %(all)s for every article", all=MATCH_ALL)
    if len(text) > MAX_QUERY_CHARS:
        raise QueryError(
            "query of %(length)s characters is too long",
            "keep it under %(limit)s",
            length=len(text),
            limit=MAX_QUERY_CHARS,
        )
    _check_brackets(text)
    tokens = _tokenize(text)
    parser = _Parser(tokens, text)
    node = parser.parse_or()
    if parser.pos < len(tokens):  # only a stray ")" can stop the parser early; _check_brackets saw to it
        raise QueryError("unexpected ')' in query %(query)r", "remove it or add a '(' before", query=text)
    return node


def _check_brackets(text: str) -> None:
    if text.count('"') % 2:
        raise QueryError(
            "unbalanced quote in query %(query)r",
            'close the phrase with a second " or remove the quote',
            query=text,
        )
    depth = 0
    for part in re.split(r'"[^"]*"', text):
        for char in part:
            depth += {"(": 1, ")": -1}.get(char, 0)
            if depth < 0:
                raise QueryError(
                    "unexpected ')' in query %(query)r", "remove it or add a '(' before", query=text
                )
            if depth > MAX_NESTING:
                raise _too_deep()
    if depth:
        raise QueryError("unclosed '(' in query %(query)r", "add the missing ')'", query=text)


def _tokenize(text: str) -> list[_Token]:
    tokens: list[_Token] = []
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup
        if kind == "space":
            continue
        if kind in ("open", "close"):
            tokens.append(_Token(kind, text=match.group()))
        elif kind == "quote":  # unreachable after _check_brackets, kept as a guard
            raise QueryError(
                "unbalanced quote in query %(query)r", 'close the phrase with a second "', query=text
            )
        elif kind == "phrase" or match.group("phrase"):
            tokens.append(_phrase_token(match))
        else:
            tokens.append(_word_token(match.group("word")))
    return tokens


def _phrase_token(match: re.Match) -> _Token:
    scope = None
    if match.group("pfield"):
        scope = match.group("pfield")[:-1].lower()
        if scope in ENTITY_FIELDS and match.group("slop") is None and not match.group("peq"):
            return _Token("atom", Filter(scope, match.group("ptext").strip()))
        if scope not in WORD_FIELDS:
            raise QueryError("a phrase cannot be searched in field %(field)r", FIELD_HINT, field=scope)
    slop = None
    if match.group("slop") is not None:
        raw = match.group("slop")
        if not raw.isdigit() or not 0 < int(raw) <= MAX_PROXIMITY:
            raise QueryError(
                "proximity %(proximity)r needs a whole number of words",
                'write e.g. "ассамблея молодежь"~5 (1 to %(limit)s)',
                proximity=match.group(),
                limit=MAX_PROXIMITY,
            )
        slop = int(raw)
    phrase_text = match.group("ptext").strip()
    if not phrase_text:
        raise QueryError('empty phrase ""', "put words between the quotes or remove them")
    return _Token("atom", Phrase(phrase_text, slop=slop, exact=bool(match.group("peq")), scope=scope))


def _word_token(raw: str) -> _Token:
    if raw in OR_WORDS or raw.lower() == _KAZAKH_OR:
        return _Token("or", text=raw)
    if raw in AND_WORDS or raw.lower() == _KAZAKH_AND:
        return _Token("and", text=raw)
    if raw in NOT_WORDS or raw == "!":
        return _Token("not", text=raw)
    negated = False
    if raw[0] in "-!" and len(raw) > 1:
        negated, raw = True, raw[1:]
    elif raw[0] == "+" and len(raw) > 1:
        raw = raw[1:]
    return _Token("atom", _atom(raw), text=raw, negated=negated)


def _atom(raw: str) -> Node:
    if raw == MATCH_ALL:
        return MatchAll()
    _check_not_bare(raw)
    scope = None
    field_match = _FIELD_PREFIX.match(raw)
    if field_match and not field_match.group(2):
        _check_not_a_field(field_match.group(1).lower())
    if field_match and field_match.group(2):
        name, value = field_match.group(1).lower(), field_match.group(2)
        if name in FILTER_FIELDS:
            return Filter("date" if name == "year" else name, value)
        if name not in WORD_FIELDS:
            raise QueryError("unknown field %(field)r in %(word)r", FIELD_HINT, field=name, word=raw)
        scope, raw = name, value
    exact = raw.startswith("=") and len(raw) > 1
    if exact:
        raw = raw[1:]
    prefix = raw.endswith(MATCH_ALL) and len(raw) > 1
    body = raw.rstrip(MATCH_ALL) if prefix else raw
    if MATCH_ALL in body:
        raise QueryError(
            "a * inside %(word)r is not understood", "use * only at the end of a word: ассамбл*", word=raw
        )
    if prefix and sum(c.isalnum() for c in body) < MIN_PREFIX:
        raise QueryError(
            "prefix %(word)r is too short",
            "give at least %(least)s letters before the *",
            word=raw,
            least=MIN_PREFIX,
        )
    return Word(body, exact=exact, prefix=prefix, scope=scope)


_PROXIMITY = re.compile(r"~\d*$")


def _check_not_bare(raw: str) -> None:
    """A sign with no word to act on ("-", "+", "~5", "word~5") is an error, never a search for nothing."""
    if raw in ("-", "+", "="):
        raise QueryError(
            "%(word)r needs a word right after it", "write e.g. -Алматы, +Тараз or =Таразе", word=raw
        )
    if _PROXIMITY.search(raw):
        raise QueryError(
            "%(word)r: ~ works only after a phrase in quotes",
            'write e.g. "ассамблея молодежь"~5 (within 5 words, 1 to %(limit)s)',
            word=raw,
            limit=MAX_PROXIMITY,
        )


_FIELD_EXAMPLES = {
    **{"source": "source:assembly", "lang": "lang:kk", "date": "date:2021", "year": "year:2021"},
    **{"person": 'person:"Касым-Жомарт Токаев"', "org": 'org:"Нур Отан"', "region": "region:Астана"},
    "status": "status:gone",
}


def _check_not_a_field(name: str) -> None:
    """`title:` with nothing after the colon searches no title: an error, not a search for "title"."""
    if name in WORD_FIELDS or name in FILTER_FIELDS:
        raise QueryError(
            "%(field)s: needs a value right after the colon",
            "write e.g. %(example)s (no space after the colon)",
            field=name,
            example=_FIELD_EXAMPLES.get(name, f"{name}:Тараз"),
        )


def _too_deep() -> QueryError:
    return QueryError(
        "query nested more than %(limit)s levels deep", "use fewer ( ) and NOT", limit=MAX_NESTING
    )


class _Parser:
    def __init__(self, tokens: list[_Token], text: str):
        self.tokens = tokens
        self.pos = 0
        self.text = text
        self.depth = 0  # ( ) and NOT around the token read

    def _peek(self) -> _Token | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def parse_or(self) -> Node:
        first = self.parse_and()
        children = [first]
        while (token := self._peek()) is not None and token.kind == "or":
            self.pos += 1
            if self._peek() is None or self._peek().kind in ("or", "close"):
                raise QueryError(
                    "%(word)r needs a word on each side", "write e.g. Астана OR Алматы", word=token.text
                )
            children.append(self.parse_and())
        return children[0] if len(children) == 1 else Or(children)

    def parse_and(self) -> Node:
        children: list[Node] = []
        while (token := self._peek()) is not None and token.kind not in ("or", "close"):
            if token.kind == "and":
                self.pos += 1
                following = self._peek()
                if not children or following is None or following.kind in ("or", "close", "and"):
                    raise QueryError(
                        "%(word)r needs a word on each side",
                        "write e.g. Тараз AND меморандум",
                        word=token.text,
                    )
                continue
            children.append(self.parse_unary())
        if not children:
            token = self._peek()
            if token is None or token.kind == "or":
                where = f"before {token.text!r}" if token else "at the end"
                raise QueryError(
                    "missing words %(where)s in query %(query)r",
                    "write e.g. Астана OR Алматы",
                    where=where,
                    query=self.text,
                )
            raise QueryError(
                "empty parentheses in query %(query)r", "put words inside () or remove them", query=self.text
            )
        return children[0] if len(children) == 1 else And(children)

    def parse_unary(self) -> Node:
        token = self._peek()
        if token.kind in ("not", "open"):
            self.depth += 1
            if self.depth > MAX_NESTING:
                raise _too_deep()
            node = self._parse_nested(token)
            self.depth -= 1
            return node
        self.pos += 1
        return Not(token.node) if token.negated else token.node

    def _parse_nested(self, token: _Token) -> Node:
        if token.kind == "not":
            self.pos += 1
            following = self._peek()
            if following is None or following.kind in ("or", "and", "close"):
                raise QueryError(
                    "%(word)r needs a word after it",
                    "write e.g. Астана NOT Алматы, or -Алматы",
                    word=token.text,
                )
            return Not(self.parse_unary())
        if token.kind == "open":
            self.pos += 1
            inner = self.parse_or()
            self.pos += 1  # the matching ")": _check_brackets guarantees it
            return inner
