"""Matching: each source is matched with one target."""

import random

from ..errors import brief
from .base import QuestionType, option_text, paper_letter


class Matching(QuestionType):
    name = "matching"
    order = 4
    interaction = {"scorm12": "matching", "scorm2004": "matching", "xapi": "matching"}
    required = frozenset({"sources", "targets"})
    snippet = ("  sources:\n"
               "    - id: one\n      text: {t:source1}\n      match: first\n"
               "    - id: two\n      text: {t:source2}\n      match: second\n"
               "  targets:\n"
               "    - id: first\n      text: {t:target1}\n"
               "    - id: second\n      text: {t:target2}\n")

    def load(self, loader, path, raw, name):
        sources = loader.options(path, raw, "sources", name, extra={"match"}, most=9)
        targets = loader.options(path, raw, "targets", name)
        target_ids = {t.id for t in targets}
        for src, raw_src in zip(sources, raw.get("sources") or ()):
            if not isinstance(src.match, str) or src.match not in target_ids:
                loader.problems.add(path, raw_src.key_line("match"),
                                    f"{name}: source '{src.id}' matches {brief(src.match)}, which is not a target",
                                    f"set match: to one of the target ids: {', '.join(sorted(target_ids))}")
        return {"choices": sources, "targets": targets}

    def tokened(self, q):
        return q.targets

    def sourced(self, q):
        return q.choices

    def correct_parts(self, q, lang=None):
        return [[s.id, s.match] for s in q.choices]

    def runtime(self, q, lang, languages=()):
        return {"correct": {s.id: s.match for s in q.choices}}

    def paper_targets(self, q) -> list:
        """The targets in the order a printed question letters them: a fixed shuffle, the same on
        every build, so that the letters do not follow the order of the sources."""
        targets = list(q.targets)
        in_order = [t for s in q.choices for t in q.targets if t.id == s.match]
        rng = random.Random(q.id)
        for _ in range(20):
            rng.shuffle(targets)
            if targets[:len(in_order)] != in_order:
                break
        return targets

    def answer_key(self, q, lang, labels):
        """Each source with the letter its target has on paper (pdf/questions/matching.html) and its text."""
        letters = {t.id: paper_letter(i) for i, t in enumerate(self.paper_targets(q))}
        targets = {t.id: option_text(t, lang) for t in q.targets}
        return [f"{option_text(s, lang)} → {letters[s.match]}: {targets[s.match]}" for s in q.choices]

    def words(self, q, parts, lang, labels):
        if not parts:
            raise ValueError("nothing is matched")
        sources = {o.id: option_text(o, lang) for o in q.choices}
        targets = {o.id: option_text(o, lang) for o in q.targets}
        return "\n".join(f"{sources[s]} → {targets[t]}" for s, t in parts)

    def xapi_definition(self, q, components):
        return {"source": components(q.choices), "target": components(q.targets)}


TYPE = Matching()
