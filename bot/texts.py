"""What the bot says in its own words (Chinese), shared by Telegram and the terminal chat."""

from __future__ import annotations

from service.presentation import EXAMPLE_QUESTION, Markup

EXAMPLE = "2017年高新区受理了多少举报投诉？"

START = (
    "你好！我回答关于政务通报的数字类问题，并给出原文句子和出处。\n"
    f"直接发问题给我，例如：{EXAMPLE}\n"
    "发送 /help 查看全部用法。"
)

ASK_USAGE = f"用法：/ask 问题，例如 /ask {EXAMPLE}"
SEARCH_USAGE = "用法：/search 关键词，例如 /search 农药 专项检查"
EMPTY_MENTION = f"请在 @我 后面写上问题，例如：{EXAMPLE}"
SOMETHING_WRONG = "抱歉，处理时出了点问题，请稍后再试。"
DATABASE_DOWN = "抱歉，数据库暂时连不上，问题没能处理。请过一两分钟再试。"
DATABASE_FAILED = "抱歉，数据库出了故障（已记录，管理员会处理），问题没能处理。请稍后再试。"
ADMIN_ONLY = "抱歉，这个命令只对管理员开放。"
UNKNOWN_COMMAND = "没有这个命令。发送 /help 查看用法。"


def too_many_questions(wait_seconds: float) -> str:
    seconds = max(1, round(wait_seconds))
    return (f"提问有点快了，请 {seconds} 秒后再问。"
            "每人每分钟的提问次数有限，好让大家都能及时得到回答。")


def group_usage(username: str) -> list[str]:
    """How to ask in a group, with the bot's real username: with privacy mode on (the
    default) a plain message never reaches the bot, so this comes first in groups."""
    return [
        "在群里请这样问我：",
        f"/ask@{username} {EXAMPLE_QUESTION}",
        "也可以回复我发的消息来追问，例如回复我的回答：那2024年呢？",
        f"@{username} 加上问题也行，但只有我是群管理员或关闭了隐私模式时我才看得到。"
        "群里的其他聊天我不会回应。",
    ]


def group_start(username: str) -> str:
    """/start in a group: group usage first."""
    return "\n".join([
        "大家好！我回答政务通报和政府工作报告里的数字问题，给出原文和出处。",
        *group_usage(username),
        f"发送 /help@{username} 查看全部用法。",
    ])


TERMINAL_HELP = "\n".join([
    "我回答关于已收录政务通报的数字类问题：给出数字、原文句子和出处；"
    "没有把握时会直说，并列出最相关的段落。",
    "",
    f"直接输入问题，例如：{EXAMPLE_QUESTION}",
    "追问：那2024年呢？（沿用上一个问题，换成新的年份）那江苏呢？（换成新的地区）",
    "",
    "命令：",
    "/ask 问题 — 提问",
    "/latest — 最近收录的通报",
    "/search 关键词 — 查找相关通报（只列通报，不提取数字），例如 /search 农药 专项检查",
    "/help — 本帮助",
    "/quit — 退出（或按 Ctrl-D）",
])


def help_text(m: Markup, *, telegram: bool = True, admin: bool = False,
              group_username: str | None = None) -> str:
    """Usage with examples; the group part says what privacy mode lets the bot see, and
    comes first (with the bot's username) when asked in a group. The terminal has its
    own, shorter list: it has no subscriptions or admin commands."""
    if not telegram:
        return m.text(TERMINAL_HELP)
    lines = [*group_usage(group_username), ""] if group_username else []
    lines += [
        "我回答关于已收录政务通报的数字类问题：给出数字、原文句子和出处；"
        "没有把握时会直说，并列出最相关的段落。",
        "",
        "直接提问，例如：",
        f"• {EXAMPLE}",
        "• 高新区为消费者挽回了多少经济损失？",
        "• 那2018年呢？（追问：沿用上一个问题，换成新的年份）",
        "",
        "命令：",
        "/ask 问题 — 提问",
        "/latest — 最新收录的通报",
        "/search 关键词 — 查找相关通报（只列通报，不提取数字），例如 /search 农药 专项检查",
        "/trend 指标 — 历年数字（逐年注明出处）和走势图，例如 /trend 2013-2024年城镇新增就业；"
        "也可以直接问：2017年比2016年城镇新增就业多了多少？",
        "/help — 本帮助",
        "/subscribe [关键词…] [-排除词…] [daily 08:00] — 订阅新通报，"
        "例如 /subscribe 食品 安全 -广告；加 daily 08:00 则每天 8 点（北京时间）汇总发一条",
        "/unsubscribe — 取消订阅；/subscriptions — 查看本聊天的订阅",
    ]
    if not group_username:
        lines += [
            "",
            "在群聊中，我只回应：",
            f"• /ask 问题（或 /ask@机器人用户名 问题），例如 /ask {EXAMPLE}",
            "• 对我发的消息的回复，例如回复我的回答：那2018年呢？",
            "• @我 的消息 —— 仅当我是群管理员或已关闭隐私模式时有效。"
            "Telegram 默认开启隐私模式，这时我只能看到命令和对我的回复。",
            "群里的其他聊天我不会回应。",
        ]
    if admin:
        lines += [
            "",
            "管理员命令：",
            "/stats — 通报数、段落数、提问数、未作答比例、索引更新时间",
            "/reindex — 重建索引（期间照常回答问题）",
            "/ingest 网址 — 抓取网页并收录；也可以发送文本文件，标题写 /ingest"
            "（私聊时直接发送文件即可）",
            "/unanswered — 最近没有作答的问题",
            "/addsource 网址 — 添加来源（RSS/Atom 或网页）；/sources — 来源列表；"
            "/delsource 编号 — 删除来源",
            "/subscribe @频道 [关键词…] — 为机器人担任管理员的频道订阅",
        ]
    return "\n".join(m.text(line) for line in lines)


# -- subscriptions and sources (bot.subscription_commands) ---------------------------

SUBSCRIBE_USAGE = (
    "用法：/subscribe 订阅全部新通报；/subscribe 食品 安全 只订阅同时包含这些词的通报；"
    "词前加 - 表示排除，例如 /subscribe 食品 -广告。关键词是普通词语，不支持正则表达式。"
    "末尾加 daily 08:00，则每天在这个时间（北京时间）把新通报汇总成一条发送。"
)
CHAT_ADMIN_ONLY = "抱歉，只有本群管理员可以管理订阅。"
CHANNEL_NOT_FOUND = "找不到这个频道，请检查 @用户名。"
BOT_NOT_CHANNEL_ADMIN = "我还不是这个频道的管理员（需要发消息的权限），请先把我设为管理员。"
NOT_SUBSCRIBED = "这个聊天还没有订阅。发送 /subscribe 订阅新通报。"
SUBSCRIPTION_EXISTS = "这个订阅已经有了：{what}。"
UNSUBSCRIBED = "已取消{what}。"
NO_SUCH_SUBSCRIPTION = "没有编号为 {number} 的订阅。发送 /subscriptions 查看编号。"
ADDSOURCE_USAGE = ("用法：/addsource 网址 [CSS选择器]（RSS/Atom 订阅源、栏目页或一篇通报的网页；"
                   "栏目页的文章链接认不准时，可加选择器，如 ul.list a）")
BAD_SELECTOR = "这不是有效的 CSS 选择器，例如：ul.list a"
BAD_SOURCE_URL = "请给出 http:// 或 https:// 开头的网址。"
NO_SOURCES = "还没有来源。用 /addsource 网址 添加。"
DELSOURCE_USAGE = "用法：/delsource 编号（编号见 /sources）"
NO_SUCH_SOURCE = "没有编号为 {number} 的来源。"
SOURCE_REMOVED = "已删除来源 #{number}：{url}"


def subscribed(what: str, target: str) -> str:
    return f"已订阅{target}：{what}。有新通报时我会发到{'这里' if not target else '该频道'}。"


def source_added(number: int, url: str, new: bool) -> str:
    if not new:
        return f"来源 #{number} 已经存在（已启用）：{url}"
    return (f"已添加来源 #{number}：{url}\n首次抓取会收录现有内容（不推送）；"
            "之后发现的新通报会推送给订阅的聊天。")
