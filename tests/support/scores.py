"""The small unit of the score cases (tests/runtime/test_scores.py, tests/moodle/test_scores_scorm.py): its unit.yaml."""

UNIT_YAML = """\
id: scores
version: 1.0.0
languages: [en]
title: {en: Scores}
description: {en: Score cases.}
objectives: [{en: Count right}]
duration_minutes: 5
mastery_score: 60
attempts: 1
xapi_base: https://example.org/units/scores
"""
