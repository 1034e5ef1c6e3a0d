"""The side tools' pages, one module per page in `views/tools/`: each edits its part of
`concept.toolbox` through bound widgets; `common` holds what they share."""
