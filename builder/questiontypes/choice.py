"""What the option-picking types share (single-choice, multiple-choice, likert); not a type itself."""

from .base import QuestionType, option_text


class Picking(QuestionType):
    template = "questions/choice.html"
    input = "radio"  # one pick; "checkbox": any number
    paper_template = "pdf/questions/choice.html"

    def answer_key(self, q, lang, labels):
        right = self.correct_parts(q, lang) or ()
        return [option_text(o, lang) for o in q.choices if o.id in right]
    def words(self, q, parts, lang, labels):
        if not parts:
            raise ValueError("no option is picked")
        return "\n".join(option_text(o, lang) for o in q.choices if o.id in parts)

    def distribution(self, q, notation, lang, labels):
        return [(notation["tokens"][o.id], option_text(o, lang)) for o in q.choices]

    def xapi_definition(self, q, components):
        return {"choices": components(q.choices)}


def one_picked(q, parts) -> None:
    if len(parts) != 1:
        raise ValueError(f"{len(parts)} options are picked, {q.id} takes one")
