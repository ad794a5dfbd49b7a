"""The automatic annotator: offline and deterministic; learned models and rules over spaCy's blank English
tokenizer, sentencizer, Matcher and EntityRuler; the learned models committed in ``models/`` (see its
MODEL_CARD.md; read once per process, nothing downloaded).

``core.annotate_article(article, kb)`` returns the claim records of one article (exactly the claims schema
shape, ``annotation.origin`` = "automatic") and its sentence spans. One module per layer: ``candidates``
(which may hold claims), ``quotes`` and ``claims`` (spans), ``frames`` (the learned attribution, mapped
to the guidelines), ``attribution`` and ``speakers``, ``labels`` (claim types, factuality),
``checkworthy`` (the learned check-worthiness), ``entities``, ``time``, ``quantities``;
``nlp`` builds the spaCy pipeline and ``core`` runs them. Nothing here is keyed on the seed articles:
the only article-specific data it reads is the knowledge base, whose aliases become EntityRuler
patterns.
"""
