"""jieba's best route through a run's word graph, worked out by jieba-next's compiled code.

jieba cuts a run of letters and digits in three steps: the graph of the dictionary words
that start at each character (``get_DAG``), the most probable route through it
(``calc``), then a walk along the route that hands the stretches of single characters
that make no word to its HMM. The first two are about half of a tokenizing worker's time,
in pure Python. jieba-next (MIT, ``jieba_next.jieba_next_rust.PrefixDict``) computes the
same route in Rust from the same dictionary: a trie of jieba's prefix dictionary, each
step's score ``log(freq or 1) - log(total) + rest`` summed in the same order, and a tie
going to the longer word, as Python's ``max`` of ``(score, end)`` does. Only the route is
taken from it, and jieba does the rest as before: jieba-next's HMM breaks ties between
states differently on characters jieba's model has never seen (黇, 鶏, 磏), and its cut
leaves "-" out of the runs that jieba 0.42 cuts whole. Every token is the same, checked
on every sentence of the shared reports (``tests/test_fast_route_cuts_as_jieba.py``).

Where jieba-next is not installed, or the dictionary is not one it can hold, the
tokenizer keeps jieba's own ``get_DAG`` and ``calc``: slower, same tokens.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from itertools import repeat
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import jieba

# jieba-next's trie gives at most this many words starting at one character (jieba: any
# number); a dictionary with a longer chain of words each beginning the next is refused.
MOST_ENDS = 12


class _Graph(Mapping[int, list[int]]):
    """What ``get_DAG`` returns here: jieba's own graph, built only if something reads
    it (``cut_all`` does). ``calc`` on a tokenizer of ours does not need it."""

    __slots__ = ("_built", "_sentence", "_tokenizer")

    def __init__(self, tokenizer: jieba.Tokenizer, sentence: str) -> None:
        self._tokenizer = tokenizer
        self._sentence = sentence
        self._built: dict[int, list[int]] | None = None

    def built(self) -> dict[int, list[int]]:
        if self._built is None:
            self._built = type(self._tokenizer).get_DAG(self._tokenizer, self._sentence)
        return self._built

    def __getitem__(self, start: int) -> list[int]:
        return self.built()[start]

    def __iter__(self) -> Iterator[int]:
        return iter(self.built())

    def __len__(self) -> int:
        return len(self.built())


def attach(tokenizer: jieba.Tokenizer) -> bool:
    """Give ``tokenizer`` jieba-next's route from now on, for the dictionary it has now
    (a plain dict, complete: jieba's words and ours). False, and nothing changed, where
    jieba-next is missing or cannot hold this dictionary."""
    try:
        from jieba_next.jieba_next_rust import PrefixDict
    except ImportError:
        return False
    frequencies = tokenizer.FREQ
    if type(frequencies) is not dict or not _fits(frequencies):
        return False
    try:
        prefix: Any = PrefixDict(frequencies, float(tokenizer.total))
        prefix.get_dag_and_calc  # noqa: B018  (a release without it: jieba's own route)
    except Exception:  # an optional accelerator that fails to start leaves jieba's route
        return False
    plain = type(tokenizer)

    def get_DAG(sentence: str) -> Mapping[int, list[int]]:
        return _Graph(tokenizer, sentence)

    def calc(sentence: str, DAG: Mapping[int, list[int]], route: dict[int, Any]) -> None:
        if tokenizer.FREQ is not frequencies:  # another dictionary since: jieba's own
            dag = DAG.built() if isinstance(DAG, _Graph) else DAG
            plain.calc(tokenizer, sentence, dag, route)
            return
        # jieba's walk reads the last word's end, route[x][1], and nothing else; the
        # route's scores are not given (0.0).
        route.update(enumerate(zip(repeat(0.0), prefix.get_dag_and_calc(sentence))))

    tokenizer.get_DAG = get_DAG
    tokenizer.calc = calc
    return True


def _fits(frequencies: dict[str, int]) -> bool:
    """Whether no character can start more than ``MOST_ENDS`` words. The words starting
    at one place are each a prefix of the longest of them, so only a word longer than
    ``MOST_ENDS`` can have that many words among its prefixes (ours: at most 7)."""
    for word in frequencies:
        if len(word) > MOST_ENDS and frequencies[word]:
            ends = sum(1 for end in range(1, len(word) + 1) if frequencies.get(word[:end]))
            if ends > MOST_ENDS:
                return False
    return True
