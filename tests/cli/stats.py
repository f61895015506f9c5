"""Rank statistics for the CLI tests that measure agreement (adversarial.sh, judgement.sh)."""


def ranks(xs):
    """1-based ranks, ties sharing their average rank."""
    order = sorted(range(len(xs)), key=lambda i: xs[i])
    rk = [0.0] * len(xs)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and xs[order[j + 1]] == xs[order[i]]:
            j += 1
        for k in range(i, j + 1):
            rk[order[k]] = (i + j) / 2 + 1
        i = j + 1
    return rk


def spearman(x, y):
    """Spearman's rank correlation of two equally long lists (0 when either is constant)."""
    rx, ry = ranks(x), ranks(y)
    n = len(rx)
    mx, my = sum(rx) / n, sum(ry) / n
    cov = sum((a - mx) * (b - my) for a, b in zip(rx, ry))
    vx = sum((a - mx) ** 2 for a in rx) ** 0.5
    vy = sum((b - my) ** 2 for b in ry) ** 0.5
    return cov / (vx * vy) if vx and vy else 0.0


def qwk_fifths(grades, scores):
    """Quadratic weighted kappa of grades 1..5 against scores read by fifths (0-19.99 is 1, ...)."""
    pred = [min(5, int(s // 20) + 1) for s in scores]
    n = len(grades)
    num = sum((a - b) ** 2 for a, b in zip(grades, pred))
    den = sum((a - b) ** 2 for a in grades for b in pred) / n
    return 1 - num / den if den else 0.0
