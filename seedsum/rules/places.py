"""Which names are states, capitals and places: the gazetteer's, states the text implies
(a demonym, a list with a state, a central bank's place, the word that names its
institutions), capitals used for a government, metonyms, and the towns the text talks
about."""

from __future__ import annotations

import re

from . import gazetteer
from .cast import ORGANIZATION, PERSON, STATE, TOWN, ActorInfo, in_spans
from .cast_builder import CastBuilder, best_role
from .evidence import Evidence
from .kinds import coordinated, is_demonym, main_state, states_by_demonym
from .names import ACRONYM, LOCATION_WORDS, TELL_WORDS, word_before
from .speaker_bodies import is_central_bank

_TOWN_WORDS = r"(?:town|city|village|port|harbou?r|municipality)"
# "Murrin Junction, a town of 9,000", "Brennick, the fishing port"
_TOWN_APPOSITION = re.compile(rf",[ \t]+(?:a|the)[ \t]+(?:[\w-]+[ \t]+){{0,2}}?{_TOWN_WORDS}\b")
_TOWN_ROLE = re.compile(rf"(?:an?[ \t]+)?(?:[\w-]+[ \t]+){{0,2}}?{_TOWN_WORDS}\b")
# Talked about, not only a place: "Brennick’s fleet", "Saltrey has watched ships sail past".
# A name as a subject: its possessive, an auxiliary, or a verb ("Sarnac belongs to", "Sarnac
# lost"); not any word in -s, which is as often a plural ("Pasquarian officials").
_SUBJECT_AFTER = re.compile(
    r"[’']s\b|[ \t]+(?:has|have|is|was|will|would|had|could|can|may|might|must|should|does|"
    r"did|lost|got|belongs|depends|lives|needs|faces|gets|relies|wants|[a-z]{2,}ed)\b"
)


class PlaceRules(CastBuilder):
    """The rules of `find_actors` that decide places and states."""

    def known_places(self) -> None:
        """States (by name, or by capital/metonym used for the government) and international
        organizations that the gazetteer knows."""
        masked, by_form = self.doc.masked, self.by_form
        for c in self.candidates:
            if c.kind != "place":
                continue
            found = gazetteer.lookup(c.text)
            if found is None:
                continue
            place, how = found
            self.place_forms[c.text] = (place, how)
            if in_spans(self.role_spans, c.start) or how == "demonym":
                continue
            word, the = word_before(masked[max(0, c.start - 30) : c.start])
            if how == "capital" and (word in LOCATION_WORDS or the):
                continue
            if word in TELL_WORDS and place.kind != STATE:
                continue
            ev = self.evidence[c.text]
            ev.first = min(ev.first, c.start)
            if place.name not in by_form:
                self.add(ActorInfo(place.name, place.kind, role=best_role(ev), first=ev.first))
            else:
                owner = self.actors[by_form[place.name]]
                owner.first = min(owner.first, c.start)

    def may_be_state(self, form: str, ev: Evidence) -> bool:
        """Whether `form` reads as a state the gazetteer does not know."""
        return ev.kind_votes[PERSON] == 0 and (
            ev.state_hint or ev.kind_votes[STATE] > 0 or form in self.likely_states
        )

    def unknown_states(self) -> None:
        """States the gazetteer does not know, and capitals used for the main one."""
        by_form, place_forms = self.by_form, self.place_forms
        for form, ev in sorted(self.evidence.items(), key=lambda kv: kv[1].first):
            if form in by_form or form in place_forms or " " in form:
                continue
            if self.may_be_state(form, ev):
                self.add(ActorInfo(form, STATE, role=best_role(ev), first=ev.first))
        if not any(a.kind == STATE for a in self.actors):
            self._state_of_institutions()
        main = main_state(self.actors, self.doc.text)
        for form, ev in self.evidence.items():
            if form in by_form or " " in form or not ev.capital_hint or main is None:
                continue
            if form in place_forms or ev.kind_votes[PERSON] > 0:
                continue
            self.actors[main].aliases.append(form)
            by_form[form] = main

    def _located(self, form: str) -> bool:
        """Whether `form` alone mostly follows a word of place ("rents in Sellin"), not
        names a body ("a stake in Vireon", "Vireon raised its dividend")."""
        masked = self.doc.masked
        alone = self.occurrences.get(form, [])
        placed = sum(
            word_before(masked[max(0, c.start - 30) : c.start])[0] in LOCATION_WORDS
            and not masked.startswith(("’s", "'s"), c.end)  # "into Vireon's shops"
            for c in alone
        )
        return 2 * placed > len(alone)

    def _state_of_institutions(self) -> None:
        """With no state found, a word that is used alone and names two institutions
        ("Statistics Caldria", "the Caldria Health Service") is the text's state."""
        shared = self.name_words
        cities = {w for form in self.evidence for w in re.findall(r"(\S+) City\b", form)}
        for form, ev in sorted(self.evidence.items(), key=lambda kv: kv[1].first):
            if (
                shared[form] >= 2
                and form not in cities  # "Havrenn City Council": a city
                and " " not in form
                and form not in self.by_form
                and ev.kind == "name"
                and ev.kind_votes[PERSON] == 0
                and ev.outside_roles > 0
                and not ACRONYM.match(form)
            ):
                self.add(ActorInfo(form, STATE, first=ev.first))
                return

    def listed_with_states(self) -> None:
        """One-word names listed with a state ("Varnia, Oskland and Lenmark") are states
        too, unless something says otherwise."""

        def state_like(form: str) -> bool:
            ev = self.evidence[form]
            place = self.place_forms.get(form)
            return (
                (place is not None and place[0].kind == STATE and place[1] == "name")
                or ev.state_hint
                or ev.kind_votes[STATE] > 0
                or form in self.likely_states
            )

        named = [c for c in self.candidates if c.kind != "skip"]
        for listed in coordinated(self.doc.masked, named):
            if not any(state_like(f) for f in listed):
                continue
            for form in listed:
                ev = self.evidence[form]
                if (
                    " " in form
                    or ev.kind != "name"
                    or form in self.place_forms
                    or form in gazetteer.SHARED_METONYMS
                ):
                    continue
                if not any(ev.kind_votes.values()):
                    self.likely_states.setdefault(form, "")

    def states_of_organizations(self) -> None:
        """The place an organization is "of" is a state when the text uses its demonym
        ("the Central Bank of Ostria" and "Ostrian inflation")."""
        places = {
            a.name.rsplit(" of ", 1)[1]: a.first
            for a in self.actors
            if a.kind == ORGANIZATION
            and " of " in a.name
            and " " not in a.name.rsplit(" of ", 1)[1]
        }
        states = states_by_demonym({*self.evidence, *places}).keys() & places.keys()
        # A central bank's place is a state when the text names it alone too ("the Bank of
        # Tarsenia ... Tarsenia should raise taxes").
        states |= {
            place
            for a in self.actors
            if is_central_bank(a)
            and " of " in a.name
            and (place := a.name.rsplit(" of ", 1)[1]) in self.evidence
            and " " not in place
            and not self.evidence[place].kind_votes[PERSON]
        }
        for place in sorted(states):
            if place not in self.by_form:
                self.add(ActorInfo(place, STATE, first=places.get(place, 1 << 62)))

    def place_aliases(self) -> None:
        """Gazetteer forms (capitals, metonyms, short names, demonyms) join their state;
        demonyms of unknown states too ("Lusavian" for Lusavia)."""
        actors, by_form, text = self.actors, self.by_form, self.doc.text
        for form, (place, how) in self.place_forms.items():
            if place.name not in by_form:
                continue
            owner = by_form[place.name]
            if how == "demonym":
                if form not in actors[owner].demonyms:
                    actors[owner].demonyms.append(form)
                continue
            if form != place.name and form not in by_form:
                the_form = f"the {form}"
                alias = the_form if the_form in place.others and the_form in text else form
                actors[owner].aliases.append(alias)
                by_form[form] = owner
        self.shared_metonyms()
        for form in self.evidence:
            if form in by_form or " " in form:
                continue
            for a in actors:
                if a.kind == STATE and is_demonym(form, a.name):
                    a.demonyms.append(form)
                    break
        for a in actors:
            if a.kind == STATE:
                a.nouns.update({"country", "government"})

    def shared_metonyms(self) -> None:
        """ "Brussels" for the first of the institutions it may stand for that the text names,
        or, used for a government, an actor of its own."""
        masked, by_form = self.doc.masked, self.by_form
        for name, targets in gazetteer.SHARED_METONYMS.items():
            if name in by_form or name not in self.evidence:
                continue
            owner_index = next((by_form[t] for t in targets if t in by_form), None)
            if owner_index is None and any(
                c.text == name
                and not in_spans(self.role_spans, c.start)
                and word_before(masked[max(0, c.start - 30) : c.start])[0] not in LOCATION_WORDS
                for c in self.candidates
            ):
                owner_index = self.add(
                    ActorInfo(targets[0], ORGANIZATION, first=self.evidence[name].first)
                )
            if owner_index is not None:
                self.actors[owner_index].aliases.append(name)
                by_form[name] = owner_index

    def towns(self) -> None:
        """Towns the text talks about (GUIDELINES v4), of kind `other`: a name described as a
        town ("Murrin Junction, a town of 9,000"), or one named outside quotations at least
        three times, twice as a subject or owner ("Brennick has landed fish", "Brennick’s
        fleet"), or only as one, twice or more ("Sarnac belongs to ...", "Sarnac does not
        ..."), and mostly not as a place ("in Brennick"). A town named only as a place is not
        an actor."""
        masked, doc = self.doc.masked, self.doc
        for a in self.actors:
            if a.kind == ORGANIZATION and a.role and _TOWN_ROLE.fullmatch(a.role.split(" of ")[0]):
                a.kind, a.role = TOWN, None  # "Murrin Junction, a town of 9,000 ..."
                a.nouns.add("town")
        for form, ev in sorted(self.evidence.items(), key=lambda kv: kv[1].first):
            if form in self.by_form or form in self.place_forms or len(form.split()) > 2:
                continue
            if ev.kind_votes[PERSON] or ev.kind != "name" or form in self.likely_states:
                continue
            alone = [
                c
                for c in self.occurrences.get(form, [])
                if c.start >= doc.dateline_end and not in_spans(self.role_spans, c.start)
            ]
            described = any(_TOWN_APPOSITION.match(masked, c.end) for c in alone)
            subject = sum(bool(_SUBJECT_AFTER.match(masked, c.end)) for c in alone)
            often = len(alone) >= 3 and subject >= 2
            talked_about = (often or subject == len(alone) >= 2) and not self._located(form)
            if described or talked_about:
                self.add(ActorInfo(form, TOWN, nouns={"town"}, first=ev.first))
