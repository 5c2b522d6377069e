ALTER TABLE accounts ADD COLUMN script text
