"""Every word of the trainers' report, per report language (`qser report --lang`).

The report speaks the trainer's language, not the package's: en, de and fr have every key
(a test checks). Plurals are (one, many) pairs; {placeholders} are filled by the formats.
Another language gets English words, and the command says so.
"""

from __future__ import annotations

TEXTS: dict[str, dict] = {
    "en": {
        "learner": "Learner", "attempts": "Attempts", "completed": "Completed", "outcome": "Result",
        "score": "Score", "pass_mark": "Pass mark", "time": "Time spent", "last": "Last activity",
        "answer": "Answer", "answered_right": "Answered right", "counted_earlier": "Earlier answer that counted",
        "yes": "yes", "no": "no", "passed": "passed", "failed": "failed",
        "st_incomplete": "incomplete", "st_completed": "completed", "st_not attempted": "not attempted",
        "st_browsed": "browsed", "st_": "",
        "questions": "Questions", "learners": "Learners", "notes": "Notes", "page": "Page",
        "counted": "counted for the result",
        "counted_instead": "the result counted an earlier answer: {answer}",
        "counted_unknown": "the result counted an earlier answer",
        "no_answer": "no answer", "not_reached": "not reached", "right_option": "right answer",
        "rows": ("{n} row", "{n} rows"), "statements": ("{n} statement", "{n} statements"),
        "src_moodle-interactions": "Moodle Interactions report", "src_moodle-basic": "Moodle Basic report",
        "question": "Question", "answered": "Answered", "right_count": "Right", "share": "Share right",
        "percent": "{n}%", "decimal": ".",
        "colon": ":",  # after a label
        "summary": "Summary", "s_learners": "Learners", "s_attempted": "Attempted", "s_completed": "Completed",
        "s_passed": "Passed", "s_average": "Average score", "share_right": "Answered right",
        "right_of": "{right} of {answered}", "common_wrong": "Most common wrong answer", "times": "{n}×",
        "absent": "No attempt (not counted)",
        "absent_count": ("1 person without an attempt is not counted", "{n} people without an attempt are not counted"),
        "sheet": "Workshop sheet", "missed": "Questions most often missed",
        "all_right": "Every latest answer to the scored questions is right.",
        "right_answer": "Right answer", "explanation": "Explanation", "reflections": "Reflections",
        "no_reflections": "This unit has no reflection questions.", "anonymous": "Learner {n}",
        "cut_mark": "({n} more characters only in Moodle's track details)",
        "note_no_status": "This Basic report has no status column, so a Score of 0 can be 0% or no score yet: in "
                          "Moodle, set Track details = Yes under the report, save preferences and download again.",
        "note_no_ids": "This download has no question ids (Moodle's default: only Summary of responses): answers were "
                       "matched to questions by the order the package records them in. Tick all four summaries under "
                       "the Interactions report, save preferences and download again to have the ids.",
        "note_cut": "A free text longer than SCORM 1.2's 255 characters ends in …[+N]: N characters are missing here. "
                    "The package stored the whole text in cmi.comments, which Moodle shows on the learner's track "
                    "details page (Reports → the attempt) but puts in no download.",
        "note_scorm2004": "This download has interaction columns but no answer in them, as Moodle 4.5 writes it for a "
                          "SCORM 2004 activity: its Interactions report reads only SCORM 1.2's element names. Status "
                          "and scores are read; each attempt's answers are on its Track details page in Moodle "
                          "(Reports → the attempt). For answers in this report, give learners the SCORM 1.2 package "
                          "(--target scorm12), or use the xAPI package and report from the LRS.",
        "note_time": "Time spent: from the start of each attempt to its last access, to the minute (Moodle's "
                     "downloads hold no other time).",
        "note_status": "Record {record}: Moodle's status {status} is not one this report knows; it is shown as written.",
    },
    "de": {
        "learner": "Lernende/r", "attempts": "Versuche", "completed": "Abgeschlossen", "outcome": "Ergebnis",
        "score": "Punktzahl", "pass_mark": "Bestehensgrenze", "time": "Lernzeit", "last": "Zuletzt aktiv",
        "answer": "Antwort", "answered_right": "Richtig beantwortet", "counted_earlier": "Frühere Antwort, die zählte",
        "yes": "ja", "no": "nein", "passed": "bestanden", "failed": "nicht bestanden",
        "st_incomplete": "unvollständig", "st_completed": "abgeschlossen", "st_not attempted": "nicht begonnen",
        "st_browsed": "durchgesehen", "st_": "",
        "questions": "Fragen", "learners": "Lernende", "notes": "Hinweise", "page": "Seite",
        "counted": "zählte für das Ergebnis",
        "counted_instead": "für das Ergebnis zählte eine frühere Antwort: {answer}",
        "counted_unknown": "für das Ergebnis zählte eine frühere Antwort",
        "no_answer": "keine Antwort", "not_reached": "nicht erreicht", "right_option": "richtige Antwort",
        "rows": ("{n} Zeile", "{n} Zeilen"), "statements": ("{n} Statement", "{n} Statements"),
        "src_moodle-interactions": "Moodle-Interaktionsbericht", "src_moodle-basic": "Moodle-Basisbericht",
        "question": "Frage", "answered": "Beantwortet", "right_count": "Davon richtig", "share": "Anteil richtig",
        "percent": "{n} %", "decimal": ",",
        "colon": ":",  # after a label
        "summary": "Überblick", "s_learners": "Lernende", "s_attempted": "Begonnen", "s_completed": "Abgeschlossen",
        "s_passed": "Bestanden", "s_average": "Durchschnittliche Punktzahl", "share_right": "Richtig beantwortet",
        "right_of": "{right} von {answered}", "common_wrong": "Häufigste falsche Antwort", "times": "{n}×",
        "absent": "Ohne Versuch (nicht mitgezählt)",
        "absent_count": ("1 Person ohne Versuch ist nicht mitgezählt", "{n} Personen ohne Versuch sind nicht mitgezählt"),
        "sheet": "Blatt für den Workshop", "missed": "Am häufigsten falsch beantwortete Fragen",
        "all_right": "Alle letzten Antworten auf die bewerteten Fragen sind richtig.",
        "right_answer": "Richtige Antwort", "explanation": "Erklärung", "reflections": "Reflexionsfragen",
        "no_reflections": "Diese Einheit hat keine Reflexionsfragen.", "anonymous": "Lernende/r {n}",
        "cut_mark": "(weitere {n} Zeichen nur in Moodles Tracking-Details)",
        "note_no_status": "Dieser Basisbericht hat keine Statusspalte: eine Bewertung 0 kann 0 % oder noch keine "
                          "Bewertung heißen. In Moodle unter dem Bericht „Track details“ = Ja wählen, Einstellungen "
                          "speichern und neu herunterladen.",
        "note_no_ids": "Dieser Download enthält keine Fragen-IDs (Moodles Voreinstellung: nur die Antworten): die "
                       "Antworten wurden den Fragen in der Reihenfolge zugeordnet, in der das Paket sie speichert. Für "
                       "die IDs unter dem Interaktionsbericht alle vier Zusammenfassungen ankreuzen, Einstellungen "
                       "speichern und neu herunterladen.",
        "note_cut": "Ein freier Text über 255 Zeichen (Grenze von SCORM 1.2) endet auf …[+N]: N Zeichen fehlen hier. "
                    "Das Paket hat den ganzen Text in cmi.comments gespeichert; Moodle zeigt ihn in den "
                    "Tracking-Details der Person (Berichte → der Versuch), aber in keinem Download.",
        "note_scorm2004": "Dieser Download hat Spalten für Interaktionen, aber keine Antwort darin, wie Moodle 4.5 ihn "
                          "für eine SCORM-2004-Aktivität schreibt: sein Interaktionsbericht liest nur die Elementnamen "
                          "von SCORM 1.2. Status und Bewertungen sind gelesen; die Antworten jedes Versuchs stehen in "
                          "Moodle in seinen Tracking-Details (Berichte → der Versuch). Für Antworten in diesem Bericht "
                          "das SCORM-1.2-Paket einsetzen (--target scorm12) oder das xAPI-Paket und aus dem LRS "
                          "berichten.",
        "note_time": "Lernzeit: vom Beginn jedes Versuchs bis zum letzten Zugriff, auf die Minute (Moodles Downloads "
                     "enthalten keine andere Zeit).",
        "note_status": "Zeile {record}: Moodles Status {status} kennt dieser Bericht nicht; er steht hier wie "
                       "geschrieben.",
    },
    "fr": {
        "learner": "Apprenant·e", "attempts": "Tentatives", "completed": "Terminé", "outcome": "Résultat",
        "score": "Score", "pass_mark": "Seuil de réussite", "time": "Temps passé", "last": "Dernière activité",
        "answer": "Réponse", "answered_right": "Répondu juste", "counted_earlier": "Réponse antérieure comptée",
        "yes": "oui", "no": "non", "passed": "réussi", "failed": "échoué",
        "st_incomplete": "incomplet", "st_completed": "terminé", "st_not attempted": "non commencé",
        "st_browsed": "parcouru", "st_": "",
        "questions": "Questions", "learners": "Apprenant·es", "notes": "Remarques", "page": "Page",
        "counted": "compté pour le résultat",
        "counted_instead": "le résultat a compté une réponse antérieure\u00a0: {answer}",
        "counted_unknown": "le résultat a compté une réponse antérieure",
        "no_answer": "pas de réponse", "not_reached": "non atteinte", "right_option": "bonne réponse",
        "rows": ("{n} ligne", "{n} lignes"), "statements": ("{n} déclaration", "{n} déclarations"),
        "src_moodle-interactions": "rapport « Interactions » de Moodle", "src_moodle-basic": "rapport de base de Moodle",
        "question": "Question", "answered": "Répondu", "right_count": "Dont juste", "share": "Part juste",
        "percent": "{n} %", "decimal": ",",
        "colon": "\u00a0:",  # after a label
        "summary": "Synthèse", "s_learners": "Apprenant·es", "s_attempted": "Commencé", "s_completed": "Terminé",
        "s_passed": "Réussi", "s_average": "Score moyen", "share_right": "Répondu juste",
        "right_of": "{right} sur {answered}", "common_wrong": "Réponse fausse la plus fréquente", "times": "{n}×",
        "absent": "Sans tentative (non compté·es)",
        "absent_count": ("1 personne sans tentative n'est pas comptée",
                         "{n} personnes sans tentative ne sont pas comptées"),
        "sheet": "Fiche d'atelier", "missed": "Questions le plus souvent manquées",
        "all_right": "Toutes les dernières réponses aux questions notées sont justes.",
        "right_answer": "Bonne réponse", "explanation": "Explication", "reflections": "Questions de réflexion",
        "no_reflections": "Cette unité n'a pas de question de réflexion.", "anonymous": "Apprenant·e {n}",
        "cut_mark": "({n} caractères de plus, seulement dans le suivi détaillé de Moodle)",
        "note_no_status": "Ce rapport de base n'a pas de colonne d'état\u00a0: un score de 0 peut signifier 0\u00a0% ou pas "
                          "encore de score. Dans Moodle, choisir « Détails du suivi » = Oui sous le rapport, "
                          "enregistrer les préférences et télécharger à nouveau.",
        "note_no_ids": "Ce téléchargement n'a pas d'identifiants de questions (réglage par défaut de Moodle\u00a0: seules "
                       "les réponses)\u00a0: les réponses ont été rattachées aux questions dans l'ordre où le paquet les "
                       "enregistre. Cocher les quatre résumés sous le rapport « Interactions », enregistrer les "
                       "préférences et télécharger à nouveau pour avoir les identifiants.",
        "note_cut": "Un texte libre de plus de 255 caractères (limite de SCORM 1.2) se termine par …[+N]\u00a0: N "
                    "caractères manquent ici. Le paquet a enregistré le texte entier dans cmi.comments, que Moodle "
                    "affiche dans le suivi détaillé de la personne (Rapports → la tentative), mais dans aucun "
                    "téléchargement.",
        "note_scorm2004": "Ce téléchargement a des colonnes d'interactions, mais aucune réponse dedans, comme Moodle 4.5 "
                          "l'écrit pour une activité SCORM 2004\u00a0: son rapport d'interactions ne lit que les noms "
                          "d'éléments de SCORM 1.2. L'état et les scores sont lus\u00a0; les réponses de chaque "
                          "tentative sont dans son suivi détaillé dans Moodle (Rapports → la tentative). Pour avoir les "
                          "réponses dans ce rapport, donnez aux apprenants le paquet SCORM 1.2 (--target scorm12), ou "
                          "utilisez le paquet xAPI et faites le rapport depuis le LRS.",
        "note_time": "Temps passé\u00a0: du début de chaque tentative à son dernier accès, à la minute près (les "
                     "téléchargements de Moodle ne contiennent pas d'autre durée).",
        "note_status": "Ligne {record}\u00a0: l'état Moodle {status} est inconnu de ce rapport ; il est repris tel quel.",
    },
}


def words(lang: str) -> dict:
    """The report's words in `lang`, English for a language without texts."""
    return TEXTS.get(lang, TEXTS["en"])


def has_texts(lang: str) -> bool:
    return lang in TEXTS


def plural(w: dict, key: str, n: int) -> str:
    one, many = w[key]
    return (one if n == 1 else many).format(n=n)
