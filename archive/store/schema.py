"""The store's SQLite schema, as the migrations that build it one version at a time."""

# Each entry moves the schema one version up; PRAGMA user_version records how far a file has come.
MIGRATIONS = [
    """
    CREATE TABLE runs (
        id INTEGER PRIMARY KEY,
        started_at TEXT NOT NULL,
        finished_at TEXT,
        status TEXT NOT NULL DEFAULT 'running',   -- running, finished, failed
        sources TEXT NOT NULL,                    -- JSON list of source names
        warc_file TEXT,
        stats TEXT                                -- JSON: per source counters
    );
    CREATE TABLE articles (
        id INTEGER PRIMARY KEY,
        canonical_url TEXT NOT NULL UNIQUE,
        url TEXT NOT NULL,
        source TEXT NOT NULL,
        lang TEXT NOT NULL,
        title TEXT NOT NULL,
        text TEXT NOT NULL,
        author TEXT,
        published TEXT,                           -- YYYY-MM-DD as the page states it
        fetched_at TEXT NOT NULL,                 -- the fetch this text comes from
        first_seen_at TEXT NOT NULL,
        content_hash TEXT NOT NULL,
        warc_file TEXT,
        warc_offset INTEGER,
        warc_length INTEGER,
        run_id INTEGER REFERENCES runs(id),
        -- bumped on insert and on change: the indexer picks up everything past its mark
        seq INTEGER NOT NULL
    );
    CREATE INDEX articles_seq ON articles(seq);
    CREATE INDEX articles_source_published ON articles(source, published);
    CREATE TABLE article_versions (
        id INTEGER PRIMARY KEY,
        article_id INTEGER NOT NULL REFERENCES articles(id),
        title TEXT NOT NULL,
        text TEXT NOT NULL,
        published TEXT,
        fetched_at TEXT NOT NULL,
        content_hash TEXT NOT NULL,
        warc_file TEXT,
        warc_offset INTEGER,
        warc_length INTEGER
    );
    CREATE INDEX article_versions_article ON article_versions(article_id);
    """,
    # The crawl ledger: URLs that gave no article, so a scheduled run neither refetches them
    # forever (404, redirect, not an article) nor forgets them (a timeout is tried again later).
    """
    CREATE TABLE IF NOT EXISTS crawl_ledger (
        canonical_url TEXT PRIMARY KEY,
        source TEXT NOT NULL,
        state TEXT NOT NULL,                      -- failed, gone, redirected, dropped, off_topic
        reason TEXT,                              -- http_404, TimeoutError, no article text, ...
        target TEXT,                              -- where a redirect led
        attempts INTEGER NOT NULL DEFAULT 1,
        updated_at TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS crawl_ledger_source ON crawl_ledger(source, state);
    """,
    # Articles as a researcher cites them (issue 4): the time and offset of publication, the
    # dateline cut from the text, the script, pictures and language links; reposts and
    # translations linked (archive/links/), with the MinHash signature each repost check reuses.
    """
    ALTER TABLE articles ADD COLUMN published_time TEXT;     -- HH:MM local, as the page states it
    ALTER TABLE articles ADD COLUMN utc_offset TEXT;         -- +05:00
    ALTER TABLE articles ADD COLUMN dateline TEXT;           -- НУР-СУЛТАН. КАЗИНФОРМ
    ALTER TABLE articles ADD COLUMN script TEXT;             -- Cyrl or Latn
    ALTER TABLE articles ADD COLUMN images TEXT;             -- JSON list of URLs
    ALTER TABLE articles ADD COLUMN alternates TEXT;         -- JSON list of canonical URLs
    ALTER TABLE article_versions ADD COLUMN lang TEXT;
    ALTER TABLE article_versions ADD COLUMN author TEXT;
    ALTER TABLE article_versions ADD COLUMN published_time TEXT;
    ALTER TABLE article_versions ADD COLUMN utc_offset TEXT;
    ALTER TABLE article_versions ADD COLUMN dateline TEXT;
    CREATE TABLE article_links (
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        target_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        kind TEXT NOT NULL,                       -- repost (of the earliest copy), translation
        score REAL,                               -- text overlap of a repost
        reason TEXT,                              -- how the link was found
        PRIMARY KEY (article_id, target_id, kind)
    );
    CREATE INDEX article_links_target ON article_links(target_id, kind);
    CREATE TABLE article_signatures (
        article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
        content_hash TEXT NOT NULL,               -- the text the signature was computed from
        signature BLOB NOT NULL
    );
    """,
    # The <lastmod> of each sitemap a finished run read in full: an unchanged one is not fetched
    # again (a site's sitemap index may list hundreds of monthly sitemaps, all but one settled).
    """
    CREATE TABLE sitemap_state (
        url TEXT PRIMARY KEY,
        source TEXT NOT NULL,
        lastmod TEXT NOT NULL,                    -- as the sitemap index wrote it
        read_at TEXT NOT NULL
    );
    """,
    # Saved searches (issue 14): a query and its filters kept by name; `alerted_upto` is the highest
    # article id whose hits an alert run has considered: articles stored later are its new hits.
    """
    CREATE TABLE saved_searches (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        query TEXT NOT NULL,
        filters TEXT NOT NULL,                    -- JSON: lang, source, date_from, date_to
        created_at TEXT NOT NULL,
        alerted_upto INTEGER NOT NULL,            -- articles.id: the ones after it are new
        last_alert_at TEXT                        -- when an alert run last looked
    );
    """,
    # Who and where each article names (issue 16, archive/entities): one row per entity, its
    # normal name; `main` marks the place the article is about, `origin` how it was found.
    """
    CREATE TABLE article_entities (
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        kind TEXT NOT NULL,                       -- person, org, region, city
        name TEXT NOT NULL,                       -- the normal (Russian nominative) name
        mentions INTEGER NOT NULL DEFAULT 1,
        main INTEGER NOT NULL DEFAULT 0,          -- 1: the article's own place, not a passing one
        origin TEXT NOT NULL,                     -- ner, gazetteer, translation, source, dateline
        PRIMARY KEY (article_id, kind, name)
    );
    CREATE INDEX article_entities_kind_name ON article_entities(kind, name);
    """,
    # Re-checks (issue 19): each re-fetch of an archived article and what it found. The article keeps
    # its status (unchecked, unchanged, edited, moved, gone: what a reader filters by), when it was
    # last checked, and how many checks in a row got no answer (a 5xx or a timeout is never "gone").
    """
    CREATE TABLE article_checks (
        id INTEGER PRIMARY KEY,
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        run_id INTEGER REFERENCES runs(id),
        checked_at TEXT NOT NULL,
        outcome TEXT NOT NULL,                    -- unchanged, edited, moved, gone, unreachable
        http_status INTEGER,                      -- of the last answer; NULL when none came
        version_id INTEGER,                       -- article_versions.id of the text an edit replaced
        target_url TEXT,                          -- where a move led
        detail TEXT                               -- what changed, or why gone / unreachable
    );
    CREATE INDEX article_checks_article ON article_checks(article_id, id);
    CREATE INDEX article_checks_run ON article_checks(run_id);
    ALTER TABLE articles ADD COLUMN status TEXT NOT NULL DEFAULT 'unchecked';
    ALTER TABLE articles ADD COLUMN last_checked TEXT;             -- UTC time of the last conclusive check
    ALTER TABLE articles ADD COLUMN failed_checks INTEGER NOT NULL DEFAULT 0;
    CREATE INDEX articles_source_checked ON articles(source, last_checked);
    UPDATE articles SET status = 'edited' WHERE id IN (SELECT article_id FROM article_versions);
    """,
    # Whether entities were looked for in an article: one that names nobody is not looked at again by
    # every crawl (an archive from before this migration: those with entities were looked at).
    """
    ALTER TABLE articles ADD COLUMN entities_found INTEGER NOT NULL DEFAULT 0;
    UPDATE articles SET entities_found = 1 WHERE id IN (SELECT article_id FROM article_entities);
    CREATE INDEX articles_entities_found ON articles(entities_found) WHERE entities_found = 0;
    """,
]
