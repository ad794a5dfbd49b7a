"""Generated validators (see dprk_claims.compiled)."""
