"""Item pipelines, one concern each, in road order: archive -> extract -> dedupe -> store."""
