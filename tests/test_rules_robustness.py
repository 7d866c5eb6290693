"""The offline extractor on awkward real-world text: it never crashes, never glues a list of
names into one actor, and says when a text is not English (issue 10)."""

from __future__ import annotations

import re

import seedsum
from seedsum.backends.rules import RulesBackend
from seedsum.rules import extract
from seedsum.rules.language import english_share, language_warnings
from seedsum.rules.lexicon import alternation

_FIRST = "Anna Lars Maria Peter Olga Henrik Sofia Jonas Elena Tomas Ingrid Magnus Petra Oskar"
_LAST = "Berg Holm Lind Dahl Strand Ekman Nyberg Sandvik Falk Wiker Borg Lund Hedin Forsberg"


def _signatories(count: int) -> list[str]:
    first, last = _FIRST.split(), _LAST.split()
    return [
        f"{first[i % len(first)]} {last[(i * 5 + i // len(first)) % len(last)]}"
        for i in range(count)
    ]


def test_a_signatories_list_of_80_names_does_not_raise_recursion_error() -> None:
    names = _signatories(80)
    text = (
        "The open letter was signed by these people.\n\n"
        + "\n".join(names)
        + "\n\nThe letter said the plan would fail."
    )
    result = extract(text)  # raised RecursionError (a trie regex built recursively)
    assert result.actors is not None


def test_names_on_consecutive_lines_are_separate_actors() -> None:
    names = _signatories(6)
    text = (
        "Six economists signed the letter.\n\n"
        + "\n".join(names)
        + "\n\nAnna Berg said the tariff would hurt exporters."
    )
    result = extract(text)
    assert all(len(a.name) < 40 for a in result.actors), [a.name for a in result.actors]
    assert "Anna Berg" in {a.name for a in result.actors}
    assert [p.source for p in result.predictions] == ["Anna Berg"]


def test_a_name_wrapped_across_lines_of_prose_stays_whole() -> None:
    text = (
        "The talks were led by Finance\nMinister Oskar Brandt, who said the budget would\n"
        "balance by 2027. The opposition disagreed."
    )
    result = extract(text)
    brandt = [a for a in result.actors if a.name == "Oskar Brandt"]
    assert brandt and brandt[0].role == "Finance Minister"


def test_alternation_of_very_long_and_many_forms_compiles() -> None:
    forms = ["A" * n for n in range(1, 400)] + ["x" * 5000]
    pattern = re.compile(alternation(forms))
    assert pattern.fullmatch("A" * 250)
    assert pattern.fullmatch("x" * 5000)
    assert not pattern.fullmatch("A" * 400)


def test_alternation_matches_the_same_words_as_a_flat_alternation() -> None:
    forms = ["said", "says", "sa", "told", "tells", "t", "according to"]
    trie = re.compile(rf"(?:{alternation(forms)})$")
    for word in [*forms, "sai", "tol", "according", "sayss"]:
        assert bool(trie.match(word)) == (word in forms), word


GERMAN = (
    "Die Regierung hat am Montag angekündigt, dass die Steuern im nächsten Jahr steigen "
    "werden. Der Finanzminister Oskar Brandt sagte, man habe keine andere Wahl, weil die "
    "Schulden zu hoch seien und die Wirtschaft langsamer wachse als erwartet. Die Opposition "
    "kritisierte den Plan scharf und kündigte Widerstand im Parlament an. Die Abstimmung soll "
    "im Herbst stattfinden, sagte eine Sprecherin des Ministeriums am Dienstag in der Hauptstadt."
)
ENGLISH = (
    "The government announced on Monday that taxes will rise next year. Finance Minister "
    "Oskar Brandt said there was no other choice, because the debt is too high and the economy "
    "is growing more slowly than expected. The opposition criticised the plan sharply and said "
    "it would fight it in parliament. The vote is due in the autumn, a spokeswoman said."
)


def test_non_english_text_gets_a_warning_in_meta() -> None:
    result = seedsum.summarize(GERMAN, backend=RulesBackend())
    assert any("English only" in w for w in result.meta.warnings), result.meta.warnings


def test_english_text_gets_no_language_warning() -> None:
    result = seedsum.summarize(ENGLISH, backend=RulesBackend())
    assert not any("English" in w for w in result.meta.warnings)
    assert english_share(ENGLISH) > 0.3


def test_short_texts_are_not_judged() -> None:
    assert language_warnings("Oskar Brandt, Maria Lind, Henrik Dahl") == []
