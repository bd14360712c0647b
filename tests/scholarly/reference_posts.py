"""Two posts, in Chinese and English, that number objects and refer to each other's: shared by the
build and the serve tests of cross-references."""

SITE = "title: T\nbase_url: https://e.org/\n"

PPO_ZH = """---
title: PPO 笔记
date: 2026-01-02
---
先看 @eq-ratio 与 @eq-clip，[@thm-pg; 另见 @fig-arch]；@tbl-clip 给出结果，@alg-ppo 是算法。

$$ r_t(\\theta) = \\frac{\\pi_\\theta}{\\pi_{\\theta_{old}}} $$ {#eq-ratio}

$$
\\begin{equation}
L^{CLIP} = \\mathbb{E}[\\min(r_t A_t, \\mathrm{clip}(r_t) A_t)] \\label{eq:clip}
\\end{equation}
$$

::: theorem {#thm-pg title="策略梯度定理"}
$\\nabla J = \\mathbb{E}[\\nabla \\log \\pi \\, Q]$
:::

![结构](arch.png){#fig-arch}

| $\\epsilon$ | 回报 |
|---|---|
| 0.2 | 230 |
: 裁剪范围 {#tbl-clip}

```algorithm {#alg-ppo}
\\begin{algorithmic}[1]
\\State 采样
\\end{algorithmic}
```
"""

PPO_EN = """---
title: PPO notes
date: 2026-01-02
---
Only the clipped objective here.

$$ L = \\min(r A, \\mathrm{clip}(r) A) $$ {#eq-clip}
"""

GRPO = """---
title: GRPO
date: 2026-01-03
toc: true
---
GRPO 沿用 PPO 的 @ppo:eq-clip 与 @ppo:thm-pg。

没有参考文献的站点上，@someone 和 mail@example.org 仍是原文。

## 与 @ppo:eq-clip 的关系

## 小结
"""

GRPO_EN = """---
title: GRPO
date: 2026-01-03
---
GRPO keeps PPO's @ppo:eq-clip and @ppo:thm-pg.
"""
