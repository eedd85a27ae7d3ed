"""The benchmark: a seeded corpus generator and a runner that builds it with Glossator and with Hugo."""
