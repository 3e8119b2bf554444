-- The held-out examples calibration judged its thresholds on (fused top-5 scores, rank of
-- the right entry, negative or not), so the panel's what-if judges a proposed threshold
-- on exactly the same evidence. Kept apart from `calibrated`, which every search reloads.
alter table kb_calibration add column examples jsonb;
