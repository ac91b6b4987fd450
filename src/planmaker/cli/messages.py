"""Error and warning codes → Chinese: what is wrong, and what to do next.

This is the only place where planmaker's words for users live: the messages of every
error and warning code, and every line the commands print (results, progress, table
headings, prompts). Each entry is a ``str.format`` template over the params; a test
checks that every code raised anywhere in ``src/`` has an entry here, and another words
every entry with the params its raisers give. :func:`message` is strict: an unknown code
or a missing param raises :class:`MessageError` (only the printer in ``cli/console.py``
falls back to the bare code and params, so that a user still sees something).

A user's text quoted in a message (a value, a key, a file name) is shown literally
(:func:`visible`): control characters, tabs and line breaks as escapes, so that it can
neither act on the terminal nor break the message's line.
"""

from __future__ import annotations

import os
from dataclasses import replace
from typing import Any

from planmaker import keys
from planmaker.cli.literal import visible
from planmaker.errors import Problem

QUOTED_CHARS = 30
"""How much of a user's value (a key, a value, a name) a message quotes."""
TEXT_CHARS = 200
"""How much of a library's explanation (which may quote a user's text) a message shows."""
_OURS = frozenset(
    {"expected", "filters", "options", "example", "missing", "command", "warning", "click"}
)
"""Params planmaker writes itself, shown as they are."""
_PATHS = frozenset({"file", "output", "other", "template", "folder", "unit", "units"})
"""Params shown whole (paths, and names a heading or list repeats), control characters escaped."""
_TEXTS = frozenset({"problem", "detail", "reason"})

KEY_NAMES = {key: f"{names.shown}({key})" for key, names in keys.NAMES.items()}
"""How a message names a key: its Chinese name, then the English one: 单位(org)."""

MESSAGES: dict[str, str] = {
    # input files
    "input.not_found": "找不到文件。请检查文件名和所在文件夹是否写对。",
    "input.not_readable": "没有权限读取这个文件。请检查文件权限，或把文件复制到自己的文件夹再试。",
    "input.is_directory": "这是一个文件夹，不是文件。请写出 YAML 文件的名字；要处理整个文件夹请用 planmaker batch。",
    "input.too_large": "文件太大（{size}，上限 {limit}），不像是一份计划（计划的 YAML 通常只有几 KB），没有读取。请检查是否选错了文件。",
    "input.empty": "文件是空的。请先写入内容，或用 planmaker new 生成一份模板再修改。",
    "input.not_text": "这里有一个空字节（0x00），文本文件里不会有它：这不是文本文件（像是 Word、压缩包或图片等二进制文件，或者文件已损坏）。planmaker 读取的是 .yaml 文本文件：请选对文件；要从旧的 Word 计划开始，可以用 planmaker new 生成模板后把内容粘贴进去。",
    "input.encoding": "这里的字节（{byte}）无法识别：文件既不是 UTF-8 编码，也不是 GBK/GB18030 编码（可能已损坏，或用了别的编码）。请用记事本或 VS Code 打开，“另存为”时编码选 UTF-8，再试。",
    # YAML
    "yaml.syntax": "YAML 格式有误，这里无法读懂。请检查这一行及上一行：缩进只能用空格、同一级要对齐；键名后是英文冒号加空格；引号和括号要成对。",
    "yaml.tab": "缩进里用了 Tab 键。YAML 只能用空格缩进：请把这一行开头的 Tab 换成空格（每级两个空格）。",
    "yaml.fullwidth_colon": "“{key}”后面用了中文冒号“：”。键名后面必须是英文冒号“:”加一个空格，例如“{key}: 内容”。",
    "yaml.fullwidth_space": "“{key}”的冒号后面用了全角空格（中文输入法下的空格）。请改成半角空格（切换到英文输入法，或按 Shift+空格 切换全角/半角），写成“{key}: 内容”。",
    "yaml.colon_no_space": "“{key}”后面的英文冒号“:”后少了一个空格，YAML 因此把整行当成了文字。请在冒号后加一个空格，写成“{key}: 内容”。",
    "yaml.fullwidth_indent": "这一行开头用全角空格（或不间断空格）缩进了。YAML 只能用半角空格缩进：请删去行首的这些空格，在英文输入法下用空格键重新缩进。",
    "yaml.unclosed_quote": "从这里开始的引号（{char}）一直没有结束。请在这段文字末尾补上同样的引号，或去掉开头的引号。",
    "yaml.unclosed_bracket": "从这里开始的方括号“[”没有配对的“]”。列表写成 [甲, 乙]：各项用英文逗号分隔，最后以 ] 结束；如果方括号是文字的一部分，请把整个值用引号括起来。",
    "yaml.unclosed_brace": "从这里开始的花括号“{{”没有配对的“}}”。写成 {{键: 值, 键: 值}}，最后以 }} 结束；如果花括号是文字的一部分，请把整个值用引号括起来。",
    "yaml.several_documents": "这里有第二个“---”（文档分隔线），一个文件只能写一份文档。请删去这一行，或把后面的内容另存为一个文件。",
    "yaml.undefined_alias": '“*{name}”：在 YAML 中，以 * 开头表示引用别处用 &{name} 标记的内容，但没有找到这个标记。如果这是文字，请把整个值用引号括起来，例如 "*{name}"。',
    "yaml.bad_escape": "双引号里的反斜杠“\\”后面跟了“{char}”，这不是有效的写法。请把反斜杠写成两个（\\\\），或改用单引号把文字括起来。",
    "yaml.bad_start": '“{char}”在 YAML 中有特殊含义，不能出现在值的开头。请把整个值用引号括起来，例如 "{char}……"。',
    "yaml.block_scalar": "“|”或“>”表示从下一行起是一段文字，它后面必须直接换行。如果这是文字的一部分，请把整个值用引号括起来。",
    "yaml.unexpected_colon": "这一行的值里又出现了“: ”（英文冒号加空格），YAML 把它当成了新的键。如果这是文字的一部分，请把整个值用引号括起来，或改用中文冒号“：”。",
    "yaml.missing_colon": "这一行缺少键名后的英文冒号“:”（也可能是这一行的引号或括号没有结束）。每一项都应写成“键: 值”。",
    "yaml.text_after_value": '引号或括号结束后还有文字。请把整个值放进一对引号里，例如 org: "……"。',
    "yaml.indent": "缩进不对：这一行没有和同一级的其他行对齐。YAML 用行首空格的多少表示层级：同一级的行要对齐，下一级比上一级多缩进两个空格。",
    "yaml.duplicate_key": "“{key}”重复出现（第 {first} 行已经写过，也可能是中英文键名各写了一次）。请删去其中一个。",
    "yaml.bad_key": "这里的键名无效：冒号前面必须是一个词（如 title），不能是空的，也不能是列表或“键: 值”。请检查这一行。",
    "yaml.too_many_nodes": "文件内容过多，或引用（&、*）层层展开后过大（超过 {limit} 项），已停止读取。一份计划用不到这么多；请检查是否选错了文件，或删去不必要的引用。",
    "yaml.too_deep": "文件嵌套层次过深（超过 {limit} 层），已停止读取。一份计划用不到这么多层；请检查缩进和括号。",
    "text.bad_char": "这里有一个看不见的控制字符（{char}），文档里不能有它（Word 文档无法保存），planmaker 也不会悄悄删掉它。请删去这个字符（常见于从网页或其他软件复制来的文字）后再试。",
    # the document
    "document.not_mapping": "文件的最外层应当是“键: 值”的形式（如 org: 某某学校），现在不是。请对照 examples 文件夹中的示例修改。",
    "document.key_not_for_kind": "“{key}”不属于{kind_name}。请删去它，或把 kind 改成相应的文档类型。",
    "value.unknown_key": "不认识的键“{key}”。{hint}",
    "value.missing": "缺少必填项“{key_name}”。请补上。",
    "value.empty": "“{key_name}”没有填写内容。请在冒号后面写上内容。",
    "value.not_text": "“{key_name}”应当是一段文字，现在是一组内容。",
    "value.not_list": "“{key_name}”应当是一个列表（每项以“- ”开头），现在读到的是“{value}”。",
    "value.not_mapping": "“{key_name}”应当是“键: 值”的形式，现在读到的是“{value}”。",
    "value.int": "“{key_name}”应当是一个整数，读到的是“{value}”。",
    "value.bool": "“{key_name}”应当是 是/否（或 true/false），读到的是“{value}”。",
    "value.choice": "“{key_name}”的值“{value}”不在可选范围内。可选：{expected}。",
    "value.invalid": "“{key_name}”的值“{value}”无法识别。",
    "value.kind": "类型“{value}”无法识别。可选：{expected}。",
    "value.layout": "样式“{value}”无法识别。可选：{expected}。",
    "value.status": "完成情况“{value}”无法识别。可选：已完成、部分完成、未完成、取消（或 done、partial、pending、cancelled）。",
    "value.date_style": "日期格式“{value}”无法识别。可选：{expected}。",
    "value.fonts": "字体“{value}”无法识别。可选：{expected}。",
    "value.semester": "学期“{value}”无法识别。请写 1 或 2（也可写 第一学期、第二学期）。",
    "value.date": "日期“{value}”的写法无法识别。请写成 2026-03-02、2026.3.2、2026/3/2 或 2026年3月2日。",
    "value.date_range": "日期“{value}”不存在（月份应为 1 到 12，日子不能超过当月的天数）。请检查月和日，例如 2026-03-02。",
    "value.year_range": "“{value}”的年份超出范围。请写 {low} 到 {high} 年之间的年份。",
    "value.school_year": "学年“{value}”的写法无法识别。请写成 2025-2026 这样的两个年份。",
    "value.school_year_range": "学年“{value}”的后一年应当比前一年大 1，例如 2025-2026。",
    "value.weeks": "周数“{value}”应当是 {low} 到 {high} 之间的整数（用阿拉伯数字，例如 20）。",
    "value.year": "年度“{value}”应当是四位数的年份，例如 2026。",
    "value.count": "“{key_name}”应当是不小于 0 的整数，读到的是“{value}”。",
    "value.week": '“{key_name}”的值“{value}”无法识别。请用阿拉伯数字写成 4、"4-5"（一个范围）或 [9, 18]（几个不相连的），从 1 开始。',
    "value.range_backwards": "“{value}”的范围写反了（前面的数比后面的大）。请写成 {last}-{first} 这样从小到大的形式。",
    "day.range_backwards": "结束日期 {end} 早于开始日期 {start}。请检查 start 和 end 是否写反了。",
    "period.incomplete": "时段(period) 不完整，缺少：{missing_names}。学期的文件写 学年、学期（按周安排时还要开学日期）；学年的文件只写 学年；年度的文件只写 年度(year)。",
    "period.mixed": "时段(period) 里同时写了年度和学期信息。学期计划写 学年、学期、开学日期；年度计划只写 年度(year)。请删去一种。",
    "day.mixed": "节假日条目里同时写了 date 和 start/end。单日写 date，连续几天写 start 和 end。",
    "day.no_date": "节假日条目缺少日期。单日写 date，连续几天写 start 和 end。",
    "section.no_title": "其他部分(sections) 的每一项都需要 title（这一部分的标题）。",
    "tree.empty_item": "这一条没有内容。请写上内容，或删去这一条。",
    "tree.untitled_items": "这一条有下级条目(items)，但没有标题(title)。请给它加上 title。",
    "tree.too_deep": "条目层次太深：最多三级（（一）→ 1. →（1）），这里是第 {level} 级。请把这一级合并到上一级的文字里。",
    "schedule.week_and_month": "这一条安排同时写了周次和月份，请只写一个（学期计划写周次，年度计划写月份）。",
    "schedule.no_week": "这一条安排缺少{field_name}。请补上，例如 {field}: 3。",
    "schedule.week_in_year_plan": "年度计划的安排按月份写：请把 week 改成 month（月份）。",
    "schedule.month_in_term_plan": "学期计划的安排按周次写：请把 month 改成 week（周次），或把 时段 改成年度。",
    "schedule.week_beyond_term": "第 {week} 周超出了本学期的 {weeks} 周。请改正周次，或在 时段 中调整周数(weeks)。",
    "schedule.month_beyond_year": "月份 {month} 超出范围。月份应为 1 到 12。",
    "schedule.no_tasks": "这一条安排没有工作内容(tasks)。请写上，或删去这一条。",
    # templates
    "template.not_found": "找不到模板“{name}”。内置模板有：plan、summary、report（用 planmaker templates list 查看）。",
    "template.folder_missing": "YAML 中 模板目录(templates) 指向的文件夹不存在。请检查路径（相对于 YAML 文件所在的文件夹）。",
    "template.syntax": "模板语法错误：{problem}。请检查这一行的 {{{{ }}}} 和 {{% %}} 是否成对。",
    "template.undefined": "模板用到了不存在的名字“{name}”。请检查拼写（模板能用的名字见 docs/模板编写指南.md）；本单位自己的字段请写在 YAML 的 extra（附加信息）下，模板中写 extra.字段名。",
    "template.unsafe": "模板试图访问“{name}”，这是 Python 的内部内容，已被安全沙箱拦截。模板只能使用文档数据和 planmaker 提供的过滤器（见 docs/模板编写指南.md）。",
    "template.error": "模板运行出错：{problem}。",
    "template.too_deep": "模板写出的条目层次超过三级（第 {level} 级）。",
    "template.bad_markdown": "模板写出了 planmaker 不支持的 Markdown 结构（{what}）。",
    "markdown.unsupported": "Markdown 中有 planmaker 不支持的写法：{what_name}（{what}）。能用的只有：# 至 ##### 标题、段落、**加粗**、表格（单元格内用 <br> 换行）、::: signature 和 ::: attachments。列表请改成段落，编号直接写在文字前、不加空格（如“1.依法治教”）；代码、引用、斜体、链接、图片和网页标签请删去。",
    # outputs
    "output.is_input": "输出文件就是输入文件，已拒绝，以免覆盖你的原文件。请用 -o 指定另一个文件名。",
    # the command line itself
    "cli.interrupted": "已中断，没有留下写了一半的文件。",
    "cli.internal": "planmaker 内部出错了，这不是你的问题。请加 --debug 重新运行，把输出发给维护者：",
    "verbose.encoding": "{file}：文件编码为 {encoding}。",
    "verbose.template": "模板：{file}。",
    "verbose.builtin_template": "模板：内置模板 {name}（{file}）。",
    "verbose.holidays": "节假日数据：chinese-calendar {version}，含 {first}—{last} 年国务院公布的放假和调休安排；另加 YAML 中 holidays、workdays 写明的日期。",
    "output.not_writable": "无法在这个位置写入文件（没有写入权限，或路径中有一段是文件而不是文件夹）。原有文件没有改动。请检查文件夹权限，或用 -o 换一个位置。",
    "output.disk_full": "磁盘空间不足，文件没有写出（原有文件没有改动）。请清理磁盘空间，或用 -o 换一个位置。",
    "output.locked": "无法替换这个文件：它可能正在 Word 或 WPS 中打开，或者是只读的。原有文件没有改动。请先关闭它再试，或用 -o 另存为别的名字。",
    "output.is_directory": "输出位置是一个文件夹。请在 -o 后写文件名，或以 / 结尾表示放进该文件夹。",
    "output.unknown_format": "不支持的输出格式“{format}”。可选：docx、pdf、md、txt。",
    "output.unknown_suffix": "无法从文件名后缀“{suffix}”判断输出格式。请用 .docx、.pdf、.md 或 .txt，或加上 --format。",
    "output.stdout_binary": "{format} 是二进制格式，不能输出到屏幕（-o -）。请用 -o 指定文件名。",
    "output.exists": "文件已存在，为免覆盖你的修改没有写入。确需覆盖请加 --force。",
    "reference.not_found": "找不到参考文档。请检查 --reference-doc 后的文件名。",
    "pdf.no_libreoffice": "生成 PDF 需要 LibreOffice，但本机没有安装。Debian/Ubuntu：sudo apt-get install libreoffice-writer-nogui fonts-noto-cjk；Windows 可用 Word 或 WPS 打开 DOCX 后另存为 PDF。",
    "pdf.failed": "LibreOffice 转换 PDF 失败（{detail}）。请先生成 DOCX 确认内容无误，再重试。",
    # new, summarize, calendar, schema
    "new.unknown_kind": "不认识的文件类型“{value}”。请写 semester（学期计划）、year（年度计划）或 summary（工作总结）。",
    "new.missing_options": "缺少必填的选项：{option_names}。请补上后重试，例如：{new_example}",
    "summarize.not_plan": "这个文件是{kind_name}，不是工作计划。summarize 由工作计划生成工作总结，请给出工作计划的 YAML 文件。",
    "scaffold.schedule_not_carried": "旧文件的具体安排与新文件的时段不同（一个按周次、一个按月份），没有沿用；新文件已逐周（或逐月）列出待填写的安排。",
    "scaffold.weeks_moved": "旧文件中有安排超出了新学期的 {weeks} 周，已移到第 {weeks} 周，新文件中用注释标出了，请调整。",
    "calendar.no_period": "请给出开学日期（--start 2026-03-02，可加 --weeks 20）、年度（--year 2026），或一份计划的 YAML 文件：planmaker calendar 计划.yaml",
    "calendar.start_moved": "{date}是星期{weekday_name}，第一周从这一周的星期一（{monday}）算起。",
    # batch, report
    "batch.no_inputs": "这里没有找到 .yaml 或 .yml 文件（隐藏文件夹不计）。请检查输入的文件夹是否写对。",
    "batch.output_clash": "这个文件和 {other} 会写到同一个输出文件 {output}。为免互相覆盖，什么也没有生成。请给其中一个改名后再试。",
    "batch.worker_crashed": "处理这个文件的进程意外终止（{reason}），这个文件没有生成，其他文件不受影响。请用 planmaker render 单独重试这个文件；若仍失败，请加 --debug 运行并把输出发给维护者。",
    "batch.internal": "处理这个文件时 planmaker 内部出错（{detail}），这不是你的问题。请用 planmaker render --debug 单独处理这个文件，把输出发给维护者。",
    "report.period_choice": "请指定总结的时段：--year（如 --year 2026）或 --school-year（如 --school-year 2025-2026），二者选一。",
    "report.inputs_invalid": "以上 {count} 个文件有问题，为免统计出错，没有生成任何总结。请改正后重新运行（可先用 planmaker check 检查）。",
    "report.nothing_in_period": "在输入的文件中没有找到{period}的工作计划或工作总结，没有生成任何文件。请检查 --year / --school-year 和输入的文件夹。",
    "report.duplicate": "{department}在{period}有不止一份{kind_name}：完成情况只按 {other} 统计，这一份没有计入（其文字已并入总结）。如果这一份是多余的，请删去后重新运行。",
    "report.name_clash": "单位“{org}”和“{other}”的总结会写到同一个文件 {name}。请统一单位名称的写法。",
    # templates, reference documents, Markdown input
    "template.recursion": '模板无休止地调用自己（例如本单位的 plan.md.j2 写了 {{% extends "plan.md.j2" %}}，继承的是它自己）。要继承内置模板，请写 {{% extends "builtin/plan.md.j2" %}}。',
    "docx.bad_reference": "参考文档（--reference-doc）无法作为 Word 文档读取（{detail}）。请用 Word 或 WPS 打开它，另存为 .docx（Word 文档）后再试。",
    "template.unknown_filter": "模板用了不存在的过滤器“{name}”。planmaker 提供的过滤器有：{filters}（用法见 docs/模板编写指南.md）；Jinja2 自带的过滤器（如 length、default）也可以用。",
    # template limits (time, output, size of what a template builds) and batch --timeout
    "template.too_slow": "模板运行超过 {seconds} 秒，已停止，没有生成文档。多半是循环（for、range）套得太多或次数太大：请检查这一行附近的循环，一份文档用不到这么多次。",
    "template.output_too_large": "模板写出的内容超过 {megabytes} MB，已停止，没有生成文档（一份计划通常只有几十 KB）。请检查这一行附近的循环是否重复写出了太多内容。",
    "template.text_too_large": '模板在这一行要生成一段超过 {limit} 个字符的文字（例如 "a" * 10**10、很大的宽度或很多段 lipsum），已停止，没有生成文档。请改小这一行中的数字。',
    "template.built_too_large": "模板在运行中生成的文字累计超过 {megabytes} MB（一份计划远用不到这么多），已停止，没有生成文档。请检查这一行附近的循环是否在反复生成很长的文字。",
    "template.list_too_large": "模板在这一行要生成超过 {limit} 项的列表，已停止，没有生成文档。请改小这一行中的数字。",
    "template.number_too_large": "模板在这一行要算出一个超过 {digits} 位的整数（例如 9 ** (9 ** 10)），已停止，没有生成文档。请检查这一行的乘方（**）和乘法。",
    "template.range_too_large": "range() 最多只能有 {limit} 项，这一行要的更多，已停止，没有生成文档。请改小 range 中的数字。",
    "batch.timeout": "处理这个文件超过了 {seconds} 秒（--timeout），已停止，这个文件没有生成，其他文件不受影响。请用 planmaker render 单独处理这个文件查看原因；如果文件确实很大，可以用 --timeout 加大时限。",
    # hostile input: Markdown bounds, encodings, characters (one block)
    "input.utf32": "文件是 UTF-32 编码的，planmaker 不读取这种编码（能读 UTF-8、UTF-16 和 GBK/GB18030）。请用记事本或 VS Code 打开，“另存为”时编码选 UTF-8，再试。",
    "input.bad_for_bom": "文件开头的标记（BOM）表明它是 {encoding}编码，但这里的字节（{byte}）不符合这种编码，文件可能已损坏。请用记事本或 VS Code 打开，检查这一处，“另存为”时编码选 UTF-8，再试。",
    "text.surrogate": "双引号里这个转义写的是 UTF-16 代理码 {char}（写法如 \\ud83d）：它只是半个字符，单独不表示任何字符，Word 文档里不能有它。请直接输入要写的字符，或把整个字符写成 \\U 加 8 位十六进制（例如 \\U0001F600）。",
    "markdown.too_many_lines": "Markdown 文件超过 {limit} 行，已停止读取（一份计划或总结通常只有几百行）。请检查是否选错了文件；确实这么长的，请拆成几个文件。",
    "markdown.too_many_columns": "从这一行开始的表格超过 {limit} 列，已停止读取：A4 纸上每列连一个字都放不下。请把表格拆成几张，或把部分列改写成段落。",
    "markdown.too_many_blocks": "Markdown 中的段落、标题、表格单元格等到这一行已超过 {limit} 个，已停止读取（一份计划或总结通常只有几百个）。请检查是否选错了文件；确实这么长的，请拆成几个文件。",
    "markdown.too_much_markup": "Markdown 中可作标记的符号（如 * _ [ ] < > ` & - : 等）到这一行已超过 {limit} 个，已停止读取（一份计划或总结通常只有几百个）。请检查是否选错了文件。",
    # files that are not what they seem: special files, size limits, links, names, DOCX packages
    "file.not_regular": "这不是普通文件，而是{type}。{what}只能是保存在磁盘上的普通文件；设备、管道这类特殊文件读起来会没完没了或一直等待，planmaker 不读取它们。请选对文件。",
    "file.symlink_loop": "这个路径上的链接（快捷方式）绕成了一个圈：链接最终又指回自己，找不到真正的文件。请删去或改正这个链接，或直接写出原文件的位置。",
    "file.name_too_long": "文件名（或路径中某个文件夹的名字）太长，超过了系统允许的 255 字节（一个汉字占 3 字节），无法打开。请把它改成短一些的名字再试。",
    "template.too_large": "模板文件太大（{size}，上限 {limit}），没有读取。模板通常只有几 KB，请检查是否选错了文件。",
    "reference.too_large": "参考文档太大（{size}，上限 {limit}），没有读取。请检查 --reference-doc 是否选错了文件；如果是本单位的文档，请删去其中的大图片后另存，再试。",
    "output.not_regular": "这里已有一个{type}，它不是普通文件，planmaker 不会写入或替换它。请用 -o 换一个输出位置。",
    "output.symlink_loop": "输出位置的路径上的链接（快捷方式）绕成了一个圈，无法写入，原有文件没有改动。请改正这个链接，或用 -o 换一个位置。",
    "output.name_too_long": "文件名（或路径中某个文件夹的名字）太长，超过了系统允许的 255 字节（一个汉字占 3 字节），无法写出，原有文件没有改动。请用 -o 换一个短一些的名字。",
    "docx.too_many_parts": "参考文档（--reference-doc）里的部件太多（{count} 个，上限 {limit} 个），不像是一份 Word 文档，没有读取。请用 Word 或 WPS 打开它，另存为 .docx 后再试。",
    "docx.part_too_large": "参考文档（--reference-doc）中的部件 {part} 解压后超过 {limit}（可能是“压缩炸弹”，或其中的图片过大），没有继续读取。请检查是否选错了文件；如果是本单位的文档，请删去其中的大图片后另存为 .docx 再试。",
    "docx.too_large_inflated": "参考文档（--reference-doc）解压后的内容超过 {limit}，没有继续读取。请检查是否选错了文件；如果是本单位的文档，请删去其中的大图片后另存为 .docx 再试。",
    "docx.unsafe_member": "参考文档（--reference-doc）中的部件名“{part}”指向文档包以外的位置，Word 不会写出这样的文件，已拒绝。请用 Word 或 WPS 打开它，另存为 .docx 后再试。",
    "docx.dtd": "参考文档（--reference-doc）中的部件 {part} 含有 DTD 声明（<!DOCTYPE 或 <!ENTITY），Word 不会写出这样的内容，生成的文档会打不开，已拒绝。请用 Word 或 WPS 打开参考文档，另存为 .docx 后再试。",
    "docx.broken_output": "生成的 Word 文档中的部件 {part} 不是有效的 XML（{detail}），文件没有写出，以免得到一份打不开的文档。这通常来自参考文档中的特殊内容：请用 Word 或 WPS 打开参考文档另存为 .docx 后再试；不用参考文档时也出现，请加 --debug 运行并把输出发给维护者。",
    "report.output_is_input": "总结要写到的这个文件是本次汇总的输入文件之一，无论是否加 --force，都不会覆盖它，也不会把它当作总结。请用 -o 换一个输出文件夹，或给这个输入文件改名后重新运行。",
    "report.kept_not_report": "这里已有同名文件，但它是{kind_name}，不是 planmaker report 写出的年度（学年）工作总结，没有把它当作总结，也没有覆盖它。请用 -o 换一个输出文件夹，或给这个文件改名后重新运行。",
    "walk.hidden": "跳过了：名字以“.”开头，是隐藏的文件或文件夹。要处理它，请把名字改成不以“.”开头。",
    "walk.not_yaml": "跳过了这个文件夹中 {count} 个不是 .yaml/.yml 的文件（如 {examples}）。",
    "walk.special": "跳过了：这不是普通文件，而是{type}。",
    "walk.folder_link": "跳过了：这是指向文件夹的链接（快捷方式），没有进入，以免重复处理或绕圈。要处理其中的文件，请把那个文件夹直接写在命令行上。",
    "walk.symlink_loop": "跳过了：这个链接绕成了一个圈（最终又指回自己），找不到真正的文件。请删去或改正这个链接。",
    "walk.unreadable": "跳过了：无法打开这个文件夹（没有权限，或名字太长），其中的文件没有处理。",
    # document structure: sections, order, closing, 学年 documents, signature
    "order.unknown": "顺序(order) 中的“{name}”对不上任何部分。可以写：{expected}。请改正拼写，或删去这一项。",
    "order.repeated": "“{name}”在 顺序(order) 中出现了不止一次，每个部分只能排一次。请删去重复的一项（两个同名的其他部分要各写一次）。",
    "order.left_out": "“{name}”有内容，但 顺序(order) 中没有它，文档里会缺这一部分。请把它加进 顺序(order)；不要这一部分就删去它的内容。",
    "headings.empty": "标题名称(headings) 中“{key}”的标题是空的，文档里会只印一个“一、”。请写上标题，或删去这一行（使用默认标题）。",
    "period.no_start": "具体安排按周次(week) 写，需要开学日期才能算出每周的日期：请在 时段(period) 下写 start（如 start: 2026-03-02）。学年或年度的文件请按月份(month) 写安排。",
    "schedule.week_in_school_year": "学年的文件（时段只写了学年，没有学期）按月份安排：请把 week 改成 month（月份，9 月到次年 8 月），或在 时段 中写上学期(semester) 和开学日期(start)。",
    "calendar.no_start": "这份文件的时段(period) 没有开学日期(start)，排不出周历。请在 时段 下写 start（如 start: 2026-03-02），或用 planmaker calendar --start 2026-03-02 --weeks 20。",
    "report.not_counted_year": "以下计划或总结按学年（9 月到次年 8 月）编写，没有计入年度总结：\n{file_lines}",
    "value.signature": "落款(signature) 写成了“{value}”。不要落款写 false（或 否）；要落款请写 name、date、seal，或删去这一行用默认落款。",
    # what is not done, and what is not filled in: placeholders, folded list items, no date
    "placeholder.left": "这里还是生成文件时写的占位文字“{text}”，没有换成实际内容，生成的文档会把它原样印出来。请改写成实际内容，或删去这一项；只想先看看排版效果，可以加 --draft 生成草稿（planmaker render --draft 文件）。",
    "placeholder.draft": "这里还是占位文字“{text}”（加了 --draft，照样生成了草稿）。定稿前请换成实际内容。",
    "yaml.folded_item": "这一行以“- ”开头，但缩进比上一项深，YAML 没有把它当成新的一项，而是并进了上一项的文字，读成了“{text}”。如果这是单独的一项，请让它的“- ”和上一项的“- ”对齐；如果它本来就是这段文字的一部分，请把整段文字用引号括起来。",
    "signature.no_date": "没有写成文日期，这次用了 {date}（生成文档的当天）；以后每次重新生成，日期都会跟着变。请在文件的落款(signature)下写上成文日期，例如 date: {iso}。",
    "report.unfilled": "这份文件还有 {count} 处占位文字没有填写（第一处在这里：“{text}”），没有计入总结。请填好后重新运行；要先照样计入，可以加 --draft。",
    "report.all_pending": "这份工作总结的 {count} 项安排，完成情况都还是“未完成”（pending），像是还没有逐项填写。请把每一项改成 已完成、部分完成、未完成 或 取消 后重新运行；如果确实都没有完成，可以不理会这条提醒。",
    # import: recognising
    "import.missing": "文档里找不到{missing}（标题、落款和周次日期里都没有）。请在命令中补上，例如 {options}，再运行一次。",
    "import.invalid": "读出的内容没能写成一份能通过检查的 YAML（{detail}），所以没有写出文件。这是 planmaker 的问题：请把这份文档发给维护人员；也可以先用 planmaker new 生成模板，再把内容粘贴进去。",
    "import.bad_chars": "这一行有 Word 文档容纳不了的控制字符（{chars}），读入时已删去。请核对这一行的文字。",
    "import.placeholder": "原文里还留着生成草稿时的占位文字“{text}”，已照原样写进 YAML；请改成实际内容，否则 check 和 render 会指出它。",
    "import.school_year": "标题里的“{written}”不是一个学年（后一年应比前一年大 1），按成文日期和周次推算为 {used}。请核对 YAML 中的 school_year；标题照原文保留了。",
    "import.week_dates": "{week}写的日期（{dates}）与按开学日期推算的这一周对不上，保留了原文的周次，日期按周次重新计算。请核对开学日期(start)和这一周的安排。",
    # import: reading
    "import.too_large": "文件太大（{size}，上限 {limit}），没有读取（一份计划或总结的 Word 文档通常只有几百 KB，文本文件几十 KB）。请检查是否选错了文件；文档里有很多大图片的，请删去图片后另存再导入。",
    "import.pdf": "PDF 文件无法导入：PDF 只记下了文字在纸上的位置，分不出标题、段落和表格。请在 Word 或 WPS 中打开原来的文档（或用 WPS 打开这个 PDF），另存为 .docx（Word 文档）后再导入。",
    "import.unknown_suffix": "planmaker import 不读取“{suffix}”文件。能导入的有：Word 文档 .docx，文本文件 .txt、.md；装有 LibreOffice 时还有 .doc、.wps、.odt、.rtf。其他文件请用 Word 或 WPS 打开，另存为 .docx 后再导入。",
    "import.already_yaml": "这已经是 planmaker 的 YAML 文件，不用导入：直接用 planmaker check 检查它，用 planmaker render 生成文档。",
    "import.empty": "文件是空的（或者里面没有文字），没有可导入的内容。请检查是否选错了文件。",
    "import.encrypted": "这个 Word 文档设置了打开密码（已加密），无法读取。请在 Word 或 WPS 中用密码打开它，取消密码（Word：文件→信息→保护文档→用密码进行加密，清空密码；WPS：文件→文档加密→密码加密，清空密码）并保存，再导入。",
    "import.bad_docx": "无法作为 Word 文档读取（{detail}），文件可能已损坏或不完整（例如没有下载完）。请用 Word 或 WPS 打开它，另存为 .docx 后再导入；打不开的，请找到原来的文件。",
    "import.not_docx": "这个文件是压缩包，但不是 Word 文档（可能是 Excel 表格、PPT 演示文稿或别的文件改了后缀）。请选对文件；如果它是 Word 文档，请用 Word 或 WPS 打开，另存为 .docx 后再导入。",
    "import.too_many_parts": "Word 文档里的部件太多（{count} 个，上限 {limit} 个），不像是一份 Word 文档，没有读取。请用 Word 或 WPS 打开它，另存为 .docx 后再导入。",
    "import.part_too_large": "Word 文档中的部件 {part} 解压后超过 {limit}（可能是“压缩炸弹”，或其中的图片过大），没有继续读取。请检查是否选错了文件；是本单位的文档的，请删去其中的大图片，另存为 .docx 后再导入。",
    "import.too_large_inflated": "Word 文档解压后的内容超过 {limit}，没有继续读取。请检查是否选错了文件；是本单位的文档的，请删去其中的大图片，另存为 .docx 后再导入。",
    "import.unsafe_member": "Word 文档中的部件名“{part}”指向文档包以外的位置，Word 不会写出这样的文件，已拒绝。请用 Word 或 WPS 打开它，另存为 .docx 后再导入。",
    "import.dtd": "Word 文档中的部件 {part} 含有 DTD 声明（<!DOCTYPE 或 <!ENTITY），Word 不会写出这样的内容，已拒绝。请用 Word 或 WPS 打开它，另存为 .docx 后再导入。",
    "import.no_libreoffice": "导入 {suffix} 文件要先用 LibreOffice 把它转换成 .docx，但本机没有安装 LibreOffice。请安装它（Debian/Ubuntu：sudo apt-get install libreoffice-writer-nogui；Windows、macOS：从 libreoffice.org 下载），或用 Word 或 WPS 打开这个文件，另存为 .docx 后再导入。",
    "import.convert_failed": "LibreOffice 没能把这个文件转换成 .docx（{detail}）。文件可能已损坏或设置了密码。请用 Word 或 WPS 打开它，另存为 .docx 后再导入。",
    "import.converted": "这个文件先用 LibreOffice 转换成了 .docx 再读取，个别格式可能有出入，请核对生成的 YAML。",
    "import.unknown_kind": "不认识的文档类型“{value}”。--kind 请写 plan（工作计划）或 summary（工作总结）。",
    "import.no_inputs": "这个文件夹里没有可导入的文件（.docx、.txt、.md、.doc、.wps、.odt、.rtf；隐藏的文件和文件夹不计）。请检查文件夹是否写对。",
    "import.output_clash": "这个文件和 {other} 会导入到同一个 YAML 文件 {output}，为免互相覆盖，这个文件没有导入。请给其中一个改名后再导入。",
    "import.found": "{file}：标题“{title}”，{sections} 个一级标题，{entries} 条安排，落款：{signature}",
    "import.found_unsigned": "{file}：标题“{title}”，{sections} 个一级标题，{entries} 条安排，没有落款",
    "import.plain": "按正文保留：{detail}",
    "import.next_step": "下一步：核对这个文件（注释里写明了放进正文的段落），再生成文档：planmaker render {file}",
    "import.start": "共 {count} 个文件，导入到 {output}",
    "import.line_written": "[{n}/{total}] 已导入：{file} → {output}",
    "import.line_kept": "[{n}/{total}] 保留了已有的 {output}，没有重新导入（要重新导入并覆盖它，请加 --force）。",
    "import.line_failed": "[{n}/{total}] 失败：{file}",
    "import.failures": "未能导入的文件",
    "import.internal": "导入这个文件时 planmaker 内部出错（{detail}），这不是你的问题；其他文件照常导入。请用 planmaker import --debug 单独导入这个文件，把输出发给维护者。",
    "import.done": "完成：共 {total} 个文件，导入 {written} 个，已有而跳过 {kept} 个，失败 {failed} 个；另有 {others} 个不能导入的文件（如 PDF）没有处理。",
    "import.failed": "完成：共 {total} 个文件，导入 {written} 个，已有而跳过 {kept} 个，失败 {failed} 个；另有 {others} 个不能导入的文件（如 PDF）没有处理。请按上表改正后重新运行（已导入的文件会跳过）。",
    "import.others_pdf": "其中 {count} 个是 PDF（如 {examples}）：请用 Word 或 WPS 打开原文档，另存为 .docx 后再导入。",
    # warnings
    "calendar.year_unknown": "节假日数据还没有 {year} 年的安排，只使用了 YAML 中 holidays/workdays 写明的日期。国务院公布放假安排后，升级 chinese-calendar 即可。",
    # what the commands print besides problems: results, progress, headings, prompts
    "cli.warning": "提醒：{warning}",
    "cli.in_files": "{warning}（{count} 个文件）",
    "cli.usage_error": "错误：{click}",
    "cli.help_hint": "运行 {command} --help 查看帮助。",
    "cli.unworded": "出现了未预料的问题（{code}{detail}）。请加 --debug 重新运行，把输出报告给维护者。",
    "cli.written": "已生成：{file}",
    "check.ok": "{file}：没有发现问题。",
    "check.failed": "{count} 个文件有问题，请按上面的提示修改。",
    "check.internal": "检查这个文件时 planmaker 内部出错了（{detail}），这不是你的问题；其他文件照常检查。请加 --debug 单独检查这个文件，把输出发给维护者。",
    "new.next_plan": "下一步：编辑这个文件，把“（请填写……）”换成你的内容，再生成计划：planmaker render {file}",
    "new.next_summary": "下一步：编辑这个文件，把“（请填写……）”换成你的内容，再生成总结：planmaker render {file}",
    "new.schema_written": "另写出了 {file}：VS Code 等编辑器靠它在你编辑 YAML 时提示键名、检查写法（YAML 第一行指向它）。可以保留；删掉也不影响检查和生成文档，只是编辑器不再提示。",
    "new.ask_again": "请重新输入有误的选项。",
    "new.ask_summary_kind": "这是学期总结、年度总结还是学年总结？学期总结输入 1，年度总结输入 2，学年总结输入 3",
    "summarize.next_step": "下一步：填写概述、成效、问题和打算，把每条安排的 status 改成 done / partial / cancelled（或 已完成 / 部分完成 / 取消），再生成总结：planmaker render {file}",
    "templates.exported": "已导出：{file}",
    "templates.usage": "用法：planmaker render 计划.yaml --template {file}，或在 YAML 中写 templates: {folder}（YAML 所在文件夹的相对路径）。",
    "calendar.title_weeks": "{unit}{period}周历",
    "calendar.title_months": "{unit}{period}月历",
    "calendar.title_from": "{date}起的{count}个教学周",
    "calendar.title_year": "{year}年各月",
    "calendar.column_week": "周次",
    "calendar.column_month": "月份",
    "calendar.column_dates": "日期",
    "calendar.column_events": "节假日/调休",
    "batch.skipped_unchanged": "跳过了 {count} 个没有改动的文件（输出文件比输入新）。",
    "batch.nothing_to_do": "没有需要重新生成的文件。",
    "batch.start": "共 {count} 个文件，使用 {workers} 个进程，输出到 {output}",
    "batch.interrupted": "已中断：生成了 {written} 个文件，还有 {left} 个没有处理。",
    "batch.progress": "正在生成",
    "batch.elapsed": "已用",
    "batch.remaining": "剩余",
    "batch.rate": "{rate:.1f} 个/秒",
    "batch.line_written": "[{n}/{total}] 已生成：{output}",
    "batch.line_failed": "[{n}/{total}] 失败：{file}",
    "batch.failures": "未能生成的文件",
    "batch.column_file": "文件",
    "batch.column_problems": "问题与改法",
    "batch.done": "完成：共 {total} 个文件，生成 {written} 个，失败 {failed} 个，用时 {seconds:.1f} 秒（每秒 {rate:.1f} 个）。",
    "batch.failed": "完成：共 {total} 个文件，生成 {written} 个，失败 {failed} 个，用时 {seconds:.1f} 秒（每秒 {rate:.1f} 个）。请按上表改正后重新运行（可加 --changed 只处理改过的文件）。",
    "report.kept": "保留了已有的 {file}（不覆盖其中的修改；要按现在的计划和总结重新生成，请加 --force）。",
    "report.yaml_written": "已写出：{file}（{count} 份计划和总结）",
    "report.failed": "{count} 个单位的总结没有生成文档，请按上面的提示修改 YAML 后重新运行。",
    "report.idle_units": "以下单位在这个时段没有工作计划或工作总结，没有生成总结：{units}",
    "report.not_counted": "以下年度计划或总结按自然年编写，没有计入学年总结：\n{file_lines}",
    "report.skipped_reports": "跳过了 {count} 份年度（学年）工作总结 YAML，它们不作为汇总的依据。",
}

MARKDOWN_NAMES = {
    "bullet_list": "“- ”开头的列表",
    "ordered_list": "“1. ”开头的列表",
    "blockquote": "“>”开头的引用",
    "fence": "代码块",
    "code_block": "缩进四格的代码",
    "code_inline": "反引号里的代码",
    "em": "斜体",
    "s": "删除线",
    "link": "链接",
    "image": "图片",
    "hr": "分隔线（---）",
    "heading h6": "六级标题",
    "html": "网页标签",
}
"""markdown-it token types (as the writers name them) → what a user typed."""

KIND_NAMES = {"plan": "工作计划", "summary": "工作总结", "report": "年度总结"}

OPTION_LABELS = {
    "--org": "单位名称，如 定边镇希望小学",
    "--department": "部门，如 教务处（可不填）",
    "--school-year": "学年，如 2025-2026",
    "--semester": "学期，1 或 2",
    "--start": "开学日期，第一周的任意一天，如 2026-03-02",
    "--weeks": "教学周数",
    "--year": "年度，如 2026",
}
"""Each header option of ``new``, as its prompt asks for it and a missing-option message names it."""

NEW_EXAMPLES = {
    "semester": (
        "planmaker new semester --org 定边镇希望小学 --school-year 2025-2026"
        " --semester 2 --start 2026-03-02"
    ),
    "year": "planmaker new year --org 定边镇工会 --year 2026",
    "summary": "planmaker new summary --org 定边镇工会 --year 2025",
}
"""A complete ``new`` command line for each kind, shown when options are missing."""

WEEKDAYS = "一二三四五六日"
"""Monday … Sunday, as 星期一 … 星期日 ends."""


class MessageError(LookupError):
    """A code without a message, or a message its params cannot fill: a bug in planmaker."""


def describe(problem: Problem) -> str:
    """``file:line:col: 中文说明`` for one problem; just the words when it has no place."""
    where = problem.where
    text = message(problem.code, problem.params)
    if where.file is None and where.line is None:
        return text
    if where.file is not None:
        where = replace(where, file=visible(where.file, line_breaks=False))
    return f"{where}: {text}"


def quoted(text: object, limit: int | None = QUOTED_CHARS) -> str:
    """A user's text as a message quotes it: literally, on one line, at most ``limit`` characters.

    Longer text is cut and ends in “…”; control characters, tabs and line breaks are
    written as escapes (``\\x1b``, ``\\n``) so that they show instead of acting.
    """
    text = str(text)
    if limit is not None and len(text) > limit:
        text = text[:limit] + "…"
    return visible(text, line_breaks=False)


def message(code: str, params: dict[str, Any]) -> str:
    """The Chinese message of ``code`` filled with ``params`` (and the names derived from them).

    Raises :class:`MessageError` for a code without a message or a message that
    ``params`` cannot fill.
    """
    template = MESSAGES.get(code)
    if template is None:
        raise MessageError(f"no message for {code!r}")
    try:
        return template.format_map(_Params(params))
    except (KeyError, IndexError, ValueError, TypeError, AttributeError) as err:
        raise MessageError(f"{code}: {type(err).__name__}: {err} (params {params!r})") from err


def _markdown_name(what: str) -> str:
    for token, name in MARKDOWN_NAMES.items():
        if what.startswith(token):
            return name
    return "网页标签" if what.startswith("<") else "这种写法"


def _shown(name: str, value: Any) -> Any:
    """A param as its message shows it: user text through :func:`quoted`."""
    if isinstance(value, os.PathLike):
        value = os.fspath(value)
    if name in _OURS or not isinstance(value, str):
        return value
    if name in _PATHS:
        return quoted(value, None)
    return quoted(value, TEXT_CHARS if name in _TEXTS else QUOTED_CHARS)


def _option_names(params: dict[str, Any]) -> str:
    """``--org（单位名称…）、--year（…）``; for a summary, the term's options or the year."""
    missing = list(params["options"])
    names = [f"{flag}（{OPTION_LABELS[flag]}）" for flag in missing]
    if params.get("kind") == "summary" and "--year" in missing:  # a term's three, or the year
        names[-4:] = [
            "学期总结写 "
            + "、".join(names[-4:-1])
            + "；学年总结只写 --school-year；年度总结写 "
            + names[-1]
        ]
    elif params.get("kind") == "year" and "--year" in missing:  # or the school year alone
        names[-1] += "（学年计划则只写 --school-year，如 --school-year 2025-2026）"
    return "、".join(names)


def _hint(params: dict[str, Any]) -> str:
    suggestion = params.get("suggestion")
    if suggestion:
        return f"是不是想写“{suggestion}”？"
    return "请对照说明检查拼写；自定义字段请写在 extra（附加信息）下面。"


_DERIVED = {
    "key_name": lambda p: KEY_NAMES.get(str(p["key"]), str(p["key"])),
    "field_name": lambda p: KEY_NAMES.get(str(p["field"]), str(p["field"])),
    "kind_name": lambda p: KIND_NAMES.get(str(p.get("kind")), "这类文档"),
    "missing_names": lambda p: "、".join(KEY_NAMES.get(m, m) for m in p["missing"]),
    "what_name": lambda p: _markdown_name(str(p["what"])),
    "hint": _hint,
    "weekday_name": lambda p: WEEKDAYS[p["weekday"]],
    "option_names": _option_names,
    "file_lines": lambda p: "\n".join("  " + quoted(os.fspath(f), None) for f in p["files"]),
    "new_example": lambda p: NEW_EXAMPLES[p["kind"]],
}
"""Names a message may use that are worked out from its params (``key`` → ``key_name``)."""


class _Params(dict):
    """The params as shown; a name missing from them is derived, or a KeyError."""

    def __init__(self, params: dict[str, Any]) -> None:
        super().__init__({name: _shown(name, value) for name, value in params.items()})

    def __missing__(self, key: str) -> Any:
        derive = _DERIVED.get(key)
        if derive is None:
            raise KeyError(key)
        return derive(dict(self))
