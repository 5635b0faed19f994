"""Relinking's word keys and signatures, remembered per word form and per seed, are what they were."""

from __future__ import annotations

import numpy as np
from datasketch import MinHash

from archive.links import names, signatures
from archive.links.names import Token, keys, tokens
from archive.translit import to_plain_latin
from replicas.assembly_data import load_articles

TRICKY = (
    "АНК провела форум. Форум прошёл в Астане! Ассамблея народа Казахстана и Kazinform.\n"
    "Сейткали выступил. XXIX сессия, ХХIХ сессия, 29th session; 1 340 человек, 12 тысяч, 12 мың.\n"
    "«Нур-Султан» — столица? Нұр-Сұлтанда 15-ші рет. January. Monday: Seitkali, Сейітқали.\n"
    "IV. Ivan. I. Tараз, Таразда, в Таразе…  «Тараз» и Қазақстан халқы Ассамблеясы"
)


def reference_tokens(text: str) -> list[Token]:
    """tokens() as it was before word forms were remembered: every word worked out where it stands."""
    found = []
    matches = list(names._TOKEN.finditer(text))
    for position, match in enumerate(matches):
        word = match.group(0)
        if word[0].isdigit():
            value = names._number(word)
            following = matches[position + 1].group(0).casefold() if position + 1 < len(matches) else ""
            if value is not None and names._THOUSANDS.match(following):
                value *= 1000
            key = names._number_key(value, word)
            found.append(Token(key[1:], key))
            continue
        start = match.start()
        before = ("\n" if start <= names._LOOKBACK else "") + text[max(0, start - names._LOOKBACK) : start]
        found.append(Token(to_plain_latin(word), names._name_key(word, before)))
    return found


def replica_texts() -> list[str]:
    return [f"{a.title}\n" + "\n".join(a.paragraphs) for a in load_articles()]


def test_tokens_are_the_same_as_worked_out_word_by_word_in_every_replica_text():
    texts = [TRICKY, *replica_texts()]
    assert len(texts) > 20
    for text in texts:
        assert tokens(text) == reference_tokens(text)
        assert list(keys(text)) == [t.key for t in reference_tokens(text) if t.key]
    # once more, every word form now remembered
    for text in texts:
        assert tokens(text) == reference_tokens(text)


def test_a_word_that_opens_a_sentence_is_no_name_there_but_is_one_inside_a_sentence():
    keyed = {t.plain: t.key for t in tokens("Форум открылся. В Астане прошёл Форум")}
    assert [t.key for t in tokens("Форум открылся.")] == [None, None]
    assert keyed["forum"] is not None


def test_signatures_made_with_the_permutations_drawn_once_are_datasketchs_own():
    for text in replica_texts()[:10]:
        fresh = MinHash(num_perm=signatures.NUM_PERM, seed=signatures.SEED, scheme=signatures.SCHEME)
        fresh.update_batch([s.encode("utf-8") for s in signatures.shingles(text)])
        ours = signatures.signature(text)
        assert np.array_equal(ours.hashvalues, fresh.hashvalues)
        back = signatures.from_bytes(signatures.to_bytes(ours))
        assert np.array_equal(back.hashvalues.astype(np.uint32), fresh.hashvalues.astype(np.uint32))
        assert back.jaccard(fresh) == 1.0
