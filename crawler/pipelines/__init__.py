"""Item pipelines, one concern each, in road order: archive -> extract -> store (then crawler.runlog)."""
