"""Whole-call quality checks against the norm (`assist qa`): reading transcripts, the rules, scores,
reports and the results database. Qt-free."""
