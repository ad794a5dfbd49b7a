"""The one build: inputs -> shards (made by the engine, or taken from the cache) -> one dataset folder."""
