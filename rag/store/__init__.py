"""The index on disk: snapshots, FAISS vectors, the BM25 keyword index, records and the embedding cache.

Only this package imports faiss and touches index files.
"""
