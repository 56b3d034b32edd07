"""Chinese person names: the one surname table and the one list of credit markers.

Three modules need to know what a Chinese surname is: pinyin (a surname has
its own reading: 曾 Zēng, 单 Shàn, 长孙 Zhǎngsūn), the aligner (a pinyin pair
led by a surname is a person) and the ``name`` rule (a surname-led span in a
draft may be a name).  They used to keep three lists that disagreed; this is
the one table.  Byline and credit markers (文/, 编译：) are listed here for the
same reason: the corpus reader and the ``name`` rule must read the same
bylines.

Plain data and small helpers: no third-party import, so every layer above
may import it.
"""

from __future__ import annotations

import re

#: Common single-character surnames, simplified and traditional.  Characters
#: that are far more often function words (和; 于 is kept: 于丹) or that jieba
#: mistags inside ordinary words (国, 平, 信, 时...) are left out on purpose.
SURNAMES: frozenset[str] = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖萧田董袁潘于蒋蔡余杜叶程苏"
    "魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫阎段雷侯龙史陶黎贺顾毛郝龚"
    "邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳"
    "甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解"
    "牟艾尤阳穆农卓古吉缪简车连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬"
    "师仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝封谈匡鞠惠荆乐冀郁胥班储栗燕楚鄢劳谌"
    "奚皮粟冼蔺楼盘满闻厉伊仝郜阚权帅屠朴盖练廉禹井祖漆巴丰卿狄晋芮扈晁邸雍辜裘亓邰赫杭逯茹"
    "嵇湛戎"
    "張陳楊黃趙吳劉孫馬許鄭謝韓馮鄧蕭葉蘇呂盧鍾譚陸範賈韋鄒閻龍陶賀顧龔萬錢嚴溫齊喬龐顏聶魯嶽"
    "歐關蘭寧紀單塗穀駱藍遊鮑華饒陽農車連蘆麥婁竇宮費衛閔鄔邊師欒鞏遲鄺樂儲勞諶藺樓滿聞厲權"
    "帥蓋練廉"
    "贝"
)

#: Surname readings that differ from a character's everyday reading, or that
#: pypinyin does not put first (GB/T 28039 writes the surname reading).
#: Traditional forms are listed beside the simplified ones.
SURNAME_READINGS: dict[str, str] = {
    "曾": "zeng", "单": "shan", "單": "shan", "区": "ou", "區": "ou", "仇": "qiu",
    "解": "xie", "查": "zha", "朴": "piao", "樸": "piao", "盖": "ge", "蓋": "ge",
    "葛": "ge", "华": "hua", "華": "hua", "任": "ren", "乐": "yue", "樂": "yue",
    "缪": "miao", "繆": "miao", "覃": "qin", "尉": "yu", "秘": "bi", "员": "yun",
    "員": "yun", "翟": "zhai", "柏": "bai", "繁": "po", "牟": "mou", "种": "chong",
    "種": "chong", "折": "she", "隗": "wei", "召": "shao", "谌": "chen", "諶": "chen",
    "哈": "ha", "万": "wan", "萬": "wan", "过": "guo", "過": "guo", "沈": "shen",
    "瀋": "shen", "薄": "bo", "车": "che", "車": "che", "长": "chang", "長": "chang",
    "晟": "sheng", "便": "pian", "句": "gou", "阚": "kan", "闞": "kan", "郇": "huan",
    "洗": "xian", "冼": "xian", "藏": "zang", "宓": "fu", "钭": "tou", "鈄": "tou",
    "啜": "chuai", "黑": "he", "纪": "ji", "紀": "ji", "那": "na", "逄": "pang",
    "燕": "yan", "訾": "zi", "祭": "zhai", "应": "ying", "應": "ying", "恽": "yun",
    "惲": "yun", "蕃": "pi", "都": "du", "眭": "sui", "粘": "nian", "褚": "chu",
    "贲": "ben", "賁": "ben", "缑": "gou", "緱": "gou", "相": "xiang", "乜": "nie",
    "莘": "shen", "厍": "she", "厙": "she", "隽": "juan", "雋": "juan", "重": "chong",
    "卜": "bu", "宿": "su", "殷": "yin", "藉": "ji", "和": "he", "角": "jue",
    "蔚": "yu", "曲": "qu", "贾": "jia", "賈": "jia", "石": "shi", "塔": "ta",
    "朝": "chao", "占": "zhan", "要": "yao", "能": "nai", "弗": "fu", "雍": "yong",
    "校": "jiao", "率": "lv", "尾": "wei", "陆": "lu", "陸": "lu", "叶": "ye",
    "葉": "ye", "盛": "sheng", "寻": "xun", "尋": "xun", "冯": "feng", "馮": "feng",
}

#: Given-name characters whose everyday first reading is not the one names
#: use (邢都林 is Xing Dulin, not Doulin).  Verification accepts every
#: reading anyway; this only makes :func:`romanize_name` print the usual one.
GIVEN_NAME_READINGS: dict[str, str] = {
    "都": "du", "曾": "zeng", "重": "chong", "晟": "sheng", "薄": "bo", "还": "huan",
    "覃": "qin", "燕": "yan", "单": "dan",
}

#: Two-character surnames, with their readings (长孙 is Zhǎngsūn, 尉迟 Yùchí,
#: 万俟 Mòqí, 单于 Chányú: the reason a table is needed at all).
COMPOUND_SURNAMES: dict[str, tuple[str, str]] = {
    "欧阳": ("ou", "yang"), "歐陽": ("ou", "yang"), "司马": ("si", "ma"),
    "司馬": ("si", "ma"), "诸葛": ("zhu", "ge"), "諸葛": ("zhu", "ge"),
    "上官": ("shang", "guan"), "东方": ("dong", "fang"), "東方": ("dong", "fang"),
    "皇甫": ("huang", "fu"), "令狐": ("ling", "hu"), "夏侯": ("xia", "hou"),
    "公孙": ("gong", "sun"), "公孫": ("gong", "sun"), "慕容": ("mu", "rong"),
    "尉迟": ("yu", "chi"), "尉遲": ("yu", "chi"), "长孙": ("zhang", "sun"),
    "長孫": ("zhang", "sun"), "宇文": ("yu", "wen"), "司徒": ("si", "tu"),
    "轩辕": ("xuan", "yuan"), "軒轅": ("xuan", "yuan"), "端木": ("duan", "mu"),
    "独孤": ("du", "gu"), "獨孤": ("du", "gu"), "南宫": ("nan", "gong"),
    "南宮": ("nan", "gong"), "西门": ("xi", "men"), "西門": ("xi", "men"),
    "司空": ("si", "kong"), "呼延": ("hu", "yan"), "闻人": ("wen", "ren"),
    "聞人": ("wen", "ren"), "东郭": ("dong", "guo"), "東郭": ("dong", "guo"),
    "公冶": ("gong", "ye"), "太史": ("tai", "shi"), "申屠": ("shen", "tu"),
    "钟离": ("zhong", "li"), "鍾離": ("zhong", "li"), "宗政": ("zong", "zheng"),
    "濮阳": ("pu", "yang"), "濮陽": ("pu", "yang"), "淳于": ("chun", "yu"),
    "赫连": ("he", "lian"), "赫連": ("he", "lian"), "拓跋": ("tuo", "ba"),
    "百里": ("bai", "li"), "东门": ("dong", "men"), "東門": ("dong", "men"),
    "羊舌": ("yang", "she"), "微生": ("wei", "sheng"), "公羊": ("gong", "yang"),
    "梁丘": ("liang", "qiu"), "左丘": ("zuo", "qiu"), "第五": ("di", "wu"),
    "乐正": ("yue", "zheng"), "樂正": ("yue", "zheng"), "万俟": ("mo", "qi"),
    "萬俟": ("mo", "qi"), "单于": ("chan", "yu"), "單于": ("chan", "yu"),
    "澹台": ("tan", "tai"), "澹臺": ("tan", "tai"), "仲孙": ("zhong", "sun"),
    "仲孫": ("zhong", "sun"), "叔孙": ("shu", "sun"), "叔孫": ("shu", "sun"),
    "鲜于": ("xian", "yu"), "鮮于": ("xian", "yu"), "闾丘": ("lv", "qiu"),
    "閭丘": ("lv", "qiu"), "亓官": ("qi", "guan"), "谷梁": ("gu", "liang"),
    "公良": ("gong", "liang"), "段干": ("duan", "gan"), "巫马": ("wu", "ma"),
    "巫馬": ("wu", "ma"), "漆雕": ("qi", "diao"), "颛孙": ("zhuan", "sun"),
    "顓孫": ("zhuan", "sun"), "司寇": ("si", "kou"), "公西": ("gong", "xi"),
    "壤驷": ("rang", "si"), "壤駟": ("rang", "si"),
}

#: The surnames the ``name`` rule looks for in running text: the table less
#: 贝, far more often a word (宝贝, 贝壳) than a surname.  The table itself
#: leaves out characters that are mostly function words (和) or that jieba
#: mistags inside ordinary words (国, 平, 信, 时...).
RUNNING_TEXT_SURNAMES: frozenset[str] = SURNAMES - frozenset("贝")

#: Markers that introduce the names of a text's authors, translators or editors
#: in the magazine's layout (文/毕晓宇 李占元, 编译：曹欣欣): the names after one
#: are paired with an English byline.
AUTHOR_MARKERS: tuple[str, ...] = ("文", "编译", "采写", "翻译", "编辑", "撰文", "作者")

#: Markers of a photo or picture credit (摄影/..., 图/...): a line that starts
#: with one is never a heading.
PHOTO_MARKERS: tuple[str, ...] = ("摄影", "图")

#: Every credit marker a draft may print before names, simplified and
#: traditional: the ``name`` rule reads the names after any of them.
CREDIT_MARKERS: tuple[str, ...] = (
    "文", "编译", "編譯", "采写", "採寫", "翻译", "翻譯", "编辑", "編輯", "撰文", "撰稿", "记者", "記者",
    "作者", "摄影", "攝影", "图", "圖", "供稿", "审校", "審校", "校对", "校對", "责编", "責編",
    "责任编辑", "責任編輯", "策划", "策劃", "整理", "口述", "主编", "主編",
)


def alternation(markers: tuple[str, ...]) -> str:
    """A regular-expression alternation of ``markers`` (no group): ``文|编译|...``."""
    return "|".join(re.escape(m) for m in markers)


def is_surname(text: str) -> bool:
    """Whether ``text`` is a surname of the table: one common character or a compound (欧阳)."""
    return text in SURNAMES or text in COMPOUND_SURNAMES


def surname_of(name: str) -> str | None:
    """The surname that starts ``name`` (欧阳修 -> 欧阳, 陈建平 -> 陈), or None.

    A compound surname is taken only when a given name follows it.
    """
    if len(name) > 2 and name[:2] in COMPOUND_SURNAMES:
        return name[:2]
    if name[:1] in SURNAMES:
        return name[:1]
    return None
