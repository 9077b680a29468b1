"""Types of the C kernel (retrieval/_kernel.c); arrays are read through the buffer protocol."""

import numpy as np

def top_k(
    arrays: tuple[np.ndarray, ...],
    term_ids: list[int],
    k: int,
    seed: int,
    k1: float,
    b: float,
    avgdl: float,
    bound_scale: float,
    block: int,
) -> list[tuple[int, float]]: ...
def gap_offsets(
    docs: np.ndarray,
    indptr: np.ndarray,
    bptr: np.ndarray,
    block_last: np.ndarray,
    gap_at: np.ndarray,
    block: int,
) -> None: ...
def encode_gaps(
    docs: np.ndarray,
    indptr: np.ndarray,
    bptr: np.ndarray,
    block_last: np.ndarray,
    gap_at: np.ndarray,
    doc_gaps: np.ndarray,
    block: int,
) -> None: ...
def decode_gaps(
    doc_gaps: np.ndarray,
    gap_at: np.ndarray,
    indptr: np.ndarray,
    bptr: np.ndarray,
    block_last: np.ndarray,
    docs: np.ndarray,
    block: int,
) -> None: ...

