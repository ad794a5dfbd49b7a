"""Data releases on top of the build: the version policy, changelog, the release transaction, rehydrate, the Hub."""
