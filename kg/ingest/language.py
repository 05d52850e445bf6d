"""Is an article clearly not English? A cheap check without a model, so that kg's English-only
extraction is not run on text it cannot read.

Two signs, each needing enough text to go on, so that short texts and English crowded with
names, tickers and figures always pass:

- the script: when most letters are not Latin (Chinese, Japanese, Cyrillic, ...);
- the small words: when the commonest function words of German, French, Spanish, Italian,
  Portuguese or Dutch are frequent and English ones are not. Names and numbers are neither,
  so they do not tip the balance; only running text in another language does.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

SAMPLE_CHARS = 4_000
"""The check reads the start of the text only (some 600 words): the same answer, in constant
time, so that it costs little next to extraction even for a week of news."""
MIN_LETTERS = 20
MIN_WORDS = 20
_MIN_SHARE = 0.12
"""Share of its function words above which a language is recognised (running text: ~0.3)."""
_LEAD = 3
"""How many times the English share the other language's share must be."""

_WORD = re.compile(r"[^\W\d_]+")
# Latin letters: Basic Latin, Latin-1, Extended-A and -B, Extended Additional (and two signs).
_LATIN_LETTER = re.compile(r"[A-Za-z\u00c0-\u024f\u1e00-\u1eff]")
_NOT_LATIN = re.compile(r"[^\u0000-\u024f\u1e00-\u1eff]")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Words common in running text of one language and rare in English text (so "in", "a", "an",
# "also" and the like are left out of the others). English's own list may hold words other
# languages share: they only make a rejection less likely.
_FUNCTION_WORDS: dict[str, frozenset[str]] = {
    "English": _words(
        "the of and to that for with from this which has have are were been its their "
        "said would they who is was be by at it on as not but"
    ),
    "German": _words(
        "der die das und ist nicht mit von den dem des für auf eine einer einen sich auch "
        "sie im bei nach hat wird werden aus zu wie über oder noch nur"
    ),
    "French": _words(
        "le la les et des du une est dans pour qui que sur pas au aux avec ce cette sont ont "
        "par plus ses leur été ne il elle"
    ),
    "Spanish": _words(
        "el los las y del que en por para con una es se su sus al lo como más pero fue ha "
        "han este esta"
    ),
    "Italian": _words(
        "il gli di della che è per con non sono nel alla anche hanno più questo dei delle ed"
    ),
    "Portuguese": _words(
        "os do da dos das que em no na para com um uma é não por mais foi ao seu sua pelo pela"
    ),
    "Dutch": _words(
        "de het een en van dat op te zijn niet met voor aan er ook om bij door naar werd "
        "wordt heeft hebben"
    ),
}

# A script's name (the first word of its letters' Unicode names) -> the language to name.
_SCRIPT_LANGUAGES = {
    "CJK": "Chinese",
    "HIRAGANA": "Japanese",
    "KATAKANA": "Japanese",
    "HANGUL": "Korean",
    "CYRILLIC": "Russian",
    "ARABIC": "Arabic",
    "HEBREW": "Hebrew",
    "GREEK": "Greek",
    "DEVANAGARI": "Hindi",
    "THAI": "Thai",
}


def not_english(text: str) -> str | None:
    """What ``text`` looks like when it is clearly not English, else None.

    >>> not_english("Japan subsidises Micron.") is None
    True
    >>> not_english("日本政府は半導体メーカーのラピダスに対し、追加の支援を発表した。")
    'Japanese (100% of the letters are not Latin)'
    """
    sample = text[:SAMPLE_CHARS]
    return _by_script(sample) or _by_words(sample)


def _by_script(sample: str) -> str | None:
    # A regular expression picks out the few characters to name one by one: English is fast.
    scripts = Counter(_script(char) for char in _NOT_LATIN.findall(sample) if char.isalpha())
    others = scripts.total() - scripts["LATIN"]
    if others < MIN_LETTERS:
        return None
    latin = len(_LATIN_LETTER.findall(sample)) + scripts["LATIN"]
    if latin >= others:
        return None
    del scripts["LATIN"]
    kana = scripts["HIRAGANA"] + scripts["KATAKANA"]
    # Japanese writes with Chinese characters too; its kana tell it apart.
    top = "HIRAGANA" if kana >= 0.05 * others else scripts.most_common(1)[0][0]
    language = _SCRIPT_LANGUAGES.get(top, f"{top.title()} script")
    share = others / (latin + others)
    return f"{language} ({share:.0%} of the letters are not Latin)"


def _script(char: str) -> str:
    words = unicodedata.name(char, "UNKNOWN").split()
    if words[0] in ("FULLWIDTH", "HALFWIDTH") and len(words) > 1:
        return words[1]
    return words[0]


def _by_words(sample: str) -> str | None:
    words = _WORD.findall(sample.casefold())
    if len(words) < MIN_WORDS:
        return None
    shares = {
        language: sum(map(vocabulary.__contains__, words)) / len(words)
        for language, vocabulary in _FUNCTION_WORDS.items()
    }
    english = shares.pop("English")
    language, share = max(shares.items(), key=lambda item: item[1])
    if share < _MIN_SHARE or share < _LEAD * english:
        return None
    return f"{language} ({share:.0%} of the words are common {language} words)"
