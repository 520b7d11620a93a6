"""Arithmetic in the finite field GF(p^k) for the small orders the designs need."""

from __future__ import annotations

from functools import cache
from itertools import product


def prime_power(q: int) -> tuple[int, int] | None:
    """(p, k) with p prime and p**k == q, or None."""
    if q < 2:
        return None
    p = next(d for d in range(2, q + 1) if q % d == 0)
    k, rest = 0, q
    while rest % p == 0:
        rest //= p
        k += 1
    return (p, k) if rest == 1 else None


class FiniteField:
    """Elements are ints 0..q-1: the base-p digits are polynomial coefficients."""

    def __init__(self, q: int) -> None:
        found = prime_power(q)
        if found is None:
            raise ValueError(f"{q} is not a prime power")
        self.q = q
        self.p, self.k = found
        self.add = [[self._add(a, b) for b in range(q)] for a in range(q)]
        modulus = self._irreducible()
        self.mul = [[self._mul(a, b, modulus) for b in range(q)] for a in range(q)]
        self.neg = [next(b for b in range(q) if self.add[a][b] == 0) for a in range(q)]

    def _digits(self, a: int) -> list[int]:
        return [(a // self.p**i) % self.p for i in range(self.k)]

    def _number(self, digits: list[int]) -> int:
        return sum(d * self.p**i for i, d in enumerate(digits))

    def _add(self, a: int, b: int) -> int:
        da, db = self._digits(a), self._digits(b)
        return self._number([(x + y) % self.p for x, y in zip(da, db, strict=True)])

    def _mul(self, a: int, b: int, modulus: list[int]) -> int:
        p, k = self.p, self.k
        product_ = [0] * (2 * k)
        for i, x in enumerate(self._digits(a)):
            for j, y in enumerate(self._digits(b)):
                product_[i + j] = (product_[i + j] + x * y) % p
        # Reduce with the monic modulus of degree k (modulus lists its lower coefficients).
        for deg in range(2 * k - 1, k - 1, -1):
            coef = product_[deg]
            if coef:
                product_[deg] = 0
                for i, m in enumerate(modulus):
                    product_[deg - k + i] = (product_[deg - k + i] - coef * m) % p
        return self._number(product_[:k])

    def _irreducible(self) -> list[int]:
        """Lower coefficients of a monic degree-k polynomial without roots or factors."""
        p, k = self.p, self.k
        if k == 1:
            return [0]
        for lower in product(range(p), repeat=k):
            if lower[0] != 0 and _is_irreducible(list(lower), p, k):
                return list(lower)
        raise AssertionError("every finite field has an irreducible polynomial")

    def sub(self, a: int, b: int) -> int:
        return self.add[a][self.neg[b]]


def _is_irreducible(lower: list[int], p: int, k: int) -> bool:
    """Brute force: no monic factor of degree 1..k//2 divides the polynomial."""
    poly = [*lower, 1]
    for degree in range(1, k // 2 + 1):
        for tail in product(range(p), repeat=degree):
            if _divides([*tail, 1], poly, p):
                return False
    return True


def _divides(divisor: list[int], poly: list[int], p: int) -> bool:
    rest = poly[:]
    d = len(divisor) - 1
    for deg in range(len(rest) - 1, d - 1, -1):
        coef = rest[deg]
        if coef:
            for i, c in enumerate(divisor):
                rest[deg - d + i] = (rest[deg - d + i] - coef * c) % p
    return not any(rest[:d])


@cache
def field(q: int) -> FiniteField:
    return FiniteField(q)
