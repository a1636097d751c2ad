-- The outbox's database beside the scheduling service's (POSTGRES_DB), owned by the same user.
CREATE DATABASE outbox OWNER clinic;
