-- HCP search at Japan scale (docs/adr/0004): one index per name key in byte ("C") order over live
-- records, so that a prefix search reads its first page straight from the index and a capped count
-- is an index-only scan. Merged records get tiny partial indexes so a hit on a duplicate can lead
-- to its survivor without scanning live matches.
CREATE INDEX hcp_kana_c ON hcp ((kana_key COLLATE "C"), id) WHERE status <> 'MERGED';
CREATE INDEX hcp_kanji_c ON hcp ((kanji_key COLLATE "C"), id) WHERE status <> 'MERGED';
CREATE INDEX hcp_romaji_c ON hcp ((romaji_key COLLATE "C"), id) WHERE status <> 'MERGED';

CREATE INDEX hcp_merged_kanji_prefix ON hcp (kanji_key text_pattern_ops) WHERE status = 'MERGED';
CREATE INDEX hcp_merged_kana_prefix ON hcp (kana_key text_pattern_ops) WHERE status = 'MERGED';
CREATE INDEX hcp_merged_romaji_prefix ON hcp (romaji_key text_pattern_ops) WHERE status = 'MERGED';
