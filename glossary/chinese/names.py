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
    # The Hundred Family Surnames (百家姓) and the modern common surnames beyond the
    # list above, less the characters that mostly start ordinary words (水, 云, 平, 时,
    # 和, 强, 国, 东, 红 ...): 区 (Ōu) is the modern Cantonese surname of 区志强.
    "区區洪赖賴项項茅昝贲賁钮鈕荀麴羿汲邴糜隗宓蓬郗钭鈄束韶蓟薊薄鄂莘逄郦酈璩濮郏郟慕庾"
    "暨阙闕殳夔厍厙訾乜蒯竺桓酆伏滑羊宿容衡戈宣诸諸折种種召繁员員"
)

#: Surname readings that differ from a character's everyday reading, or that
#: pypinyin does not put first (GB/T 28039 writes the surname reading).
#: Traditional forms are listed beside the simplified ones.
SURNAME_READINGS: dict[str, str] = {
    "曾": "zeng", "单": "shan", "單": "shan", "区": "ou", "區": "ou", "仇": "qiu",
    "解": "xie", "查": "zha", "朴": "piao", "樸": "piao", "盖": "ge", "蓋": "ge",
    "葛": "ge", "华": "hua", "華": "hua", "任": "ren", "乐": "yue", "樂": "yue",
    "缪": "miao", "繆": "miao", "覃": "qin", "尉": "wei", "秘": "bi", "员": "yun",
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

#: Readings a character may have in a person's surname position, for the surnames whose
#: other readings are wrong there: *Ceng* for 曾, *Dan* for 单, *Qu* for 区 are misreadings,
#: not spellings.  Sources: the surname list of overtrue/pinyin (``sources/surnames.txt``,
#: also the basis of pinyin-pro's and hotoo/pinyin's surname modes) and the 现代汉语词典
#: entries marked 姓; where the dictionary gives a character two surname readings, both
#: are kept (乐 Yuè and Lè, 覃 Qín and Tán, 盖 Gě and Gài, 秘 Bì and Mì, 谌 Chén and Shèn).
#: Toneless, ü as ``v``; Traditional forms beside the Simplified ones.
SURNAME_POSITION_READINGS: dict[str, tuple[str, ...]] = {
    "曾": ("zeng",), "单": ("shan",), "單": ("shan",), "区": ("ou",), "區": ("ou",),
    "仇": ("qiu",), "解": ("xie",), "查": ("zha",), "朴": ("piao",), "樸": ("piao",),
    "盖": ("ge", "gai"), "蓋": ("ge", "gai"), "乐": ("yue", "le"), "樂": ("yue", "le"),
    "覃": ("qin", "tan"), "召": ("shao",), "繁": ("po",), "员": ("yun",), "員": ("yun",),
    "缪": ("miao",), "繆": ("miao",), "折": ("she",), "种": ("chong",), "種": ("chong",),
    "褚": ("chu",), "薄": ("bo",), "秘": ("bi", "mi"), "冼": ("xian",), "过": ("guo",),
    "過": ("guo",), "燕": ("yan",), "瞿": ("qu",), "粘": ("nian",), "藏": ("zang",),
    "翟": ("zhai", "di"), "都": ("du",), "贾": ("jia",), "賈": ("jia",), "柏": ("bai",),
    "殷": ("yin",), "陆": ("lu",), "陸": ("lu",), "乜": ("nie",), "阚": ("kan",),
    "闞": ("kan",), "叶": ("ye",), "葉": ("ye",), "车": ("che",), "車": ("che",),
    "沈": ("shen",), "宿": ("su",), "卜": ("bu",), "寻": ("xun",), "尋": ("xun",),
    "石": ("shi",), "重": ("chong",), "盛": ("sheng",), "谌": ("chen", "shen"),
    "諶": ("chen", "shen"), "宓": ("fu", "mi"), "莘": ("shen", "xin"), "厍": ("she",),
    "厙": ("she",), "尉": ("wei", "yu"), "隗": ("wei", "kui"), "冯": ("feng",), "馮": ("feng",),
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

def surname_position_readings(surname: str, index: int) -> tuple[str, ...] | None:
    """The readings the ``index``-th character of ``surname`` may have, or None for any.

    A compound surname has one reading per character (尉迟 is Yùchí, never Wèichí;
    万俟 Mòqí; 单于 Chányú); a single one those of :data:`SURNAME_POSITION_READINGS`.
    """
    if surname in COMPOUND_SURNAMES:
        return (COMPOUND_SURNAMES[surname][index],)
    return SURNAME_POSITION_READINGS.get(surname[index : index + 1]) if index == 0 else None


#: The surnames the ``name`` rule looks for in running text: the table less
#: 贝, far more often a word (宝贝, 贝壳) than a surname, and the rare surnames that
#: mostly start ordinary words (容易, 宿舍, 衡量, 宣布, 诸多, 暨 "and").  The table itself
#: leaves out characters that are mostly function words (和) or that jieba
#: mistags inside ordinary words (国, 平, 信, 时...).
RUNNING_TEXT_SURNAMES: frozenset[str] = SURNAMES - frozenset("贝容宿衡宣诸諸伏羊戈滑束暨")

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


# ---------------------------------------------------------------------------
# Other romanizations of Chinese names.  GB/T 28039 writes a mainland name in
# Hanyu Pinyin; Taiwan and older Western usage write Wade-Giles (Chang Hsiao-kuang)
# or Tongyong Pinyin (Sie Jhih-ciang); Hong Kong and Macao the government's
# Cantonese spellings (Chan Tai-man, Leong Wai Man); Singapore and Malaysia
# Hokkien or Teochew ones (Tan Boon Huat).  The ``name`` rule tells these apart
# from a misspelt pinyin name, so that it can say which system a name is in.

_WG_INITIALS = {
    "b": "p", "p": "p", "m": "m", "f": "f", "d": "t", "t": "t", "n": "n", "l": "l",
    "g": "k", "k": "k", "h": "h", "j": "ch", "q": "ch", "x": "hs", "zh": "ch", "ch": "ch",
    "sh": "sh", "r": "j", "z": "ts", "c": "ts", "s": "s", "y": "y", "w": "w", "": "",
}
_WG_WHOLE = {
    "zi": "tzu", "ci": "tzu", "si": "ssu", "zhi": "chih", "chi": "chih", "shi": "shih",
    "ri": "jih", "er": "erh", "yan": "yen", "ye": "yeh", "you": "yu", "yong": "yung",
    "yu": "yu", "yue": "yueh", "yi": "i", "e": "o", "gui": "kuei", "kui": "kuei",
}
_TY_INITIALS = {"zh": "jh", "q": "c", "x": "s"}
_TY_WHOLE = {
    "zhi": "jhih", "chi": "chih", "shi": "shih", "ri": "rih", "zi": "zih", "ci": "cih", "si": "sih",
    "wen": "wun", "weng": "wong", "feng": "fong",
}


def _split_initial(syllable: str) -> tuple[str, str]:
    for size in (2, 1):
        head = syllable[:size]
        if head in ("zh", "ch", "sh") or (size == 1 and head in "bpmfdtnlgkhjqxrzcsyw"):
            return head, syllable[size:]
    return "", syllable


def wade_giles(syllable: str) -> str:
    """A toneless pinyin syllable (ü as ``v``) in Wade-Giles, folded: no apostrophes, ü as u.

    ``zhang`` -> ``chang``, ``xiao`` -> ``hsiao``, ``guang`` -> ``kuang``, ``ji`` -> ``chi``,
    ``zi`` -> ``tzu``, ``xue`` -> ``hsueh`` (Hsüeh), ``rong`` -> ``jung``, ``ge`` -> ``ko``.
    """
    if syllable in _WG_WHOLE:
        return _WG_WHOLE[syllable]
    initial, final = _split_initial(syllable)
    if initial in ("j", "q", "x") and final.startswith("u"):
        final = "v" + final[1:]
    final = final.replace("v", "u")
    if final == "ie" or final.endswith("ue") and initial in ("j", "q", "x", "l", "n", "y"):
        final += "h"
    elif final.startswith("ian"):
        final = "ien" + final[3:]
    elif final.endswith("ong"):
        final = final[:-3] + "ung"
    elif final == "uo" and initial not in ("g", "k", "h", "sh"):
        final = "o"
    elif final == "e" and initial in ("g", "k", "h"):
        final = "o"
    return _WG_INITIALS.get(initial, initial) + final


def tongyong(syllable: str) -> str:
    """A toneless pinyin syllable (ü as ``v``) in Tongyong Pinyin: ``xie`` -> ``sie``, ``zhi`` -> ``jhih``."""
    if syllable in _TY_WHOLE:
        return _TY_WHOLE[syllable]
    initial, final = _split_initial(syllable)
    if initial in ("j", "q", "x") and final.startswith(("u", "v")):
        final = "yu" + final[1:]
    elif initial in ("j", "q", "x") and final == "iong":
        final = "yong"
    final = final.replace("v", "yu")
    if final == "iu":
        final = "iou"
    elif final == "ui":
        final = "uei"
    return _TY_INITIALS.get(initial, initial) + final


#: Hong Kong and Macao government (Cantonese) spellings of common surnames.
CANTONESE_SURNAMES: dict[str, tuple[str, ...]] = {
    "陈": ("chan",), "黄": ("wong",), "王": ("wong",), "汪": ("wong",), "李": ("lee", "li"),
    "张": ("cheung", "chang"), "梁": ("leung", "leong"), "林": ("lam", "lum"),
    "刘": ("lau", "lao"), "吴": ("ng", "ung"), "何": ("ho",), "周": ("chow", "chau"),
    "杨": ("yeung", "ieong"), "郑": ("cheng", "chang"), "谢": ("tse", "che"),
    "许": ("hui", "hoi"), "郭": ("kwok", "kuok"), "罗": ("law", "lo"), "卢": ("lo", "lou"),
    "邓": ("tang",), "曾": ("tsang", "chang"), "叶": ("yip", "ip"), "冯": ("fung",),
    "蔡": ("choi", "tsoi"), "马": ("ma",), "朱": ("chu", "chue"), "徐": ("tsui", "chui"),
    "胡": ("wu", "woo"), "高": ("ko", "kou"), "江": ("kong",), "钟": ("chung",),
    "潘": ("poon", "pun"), "袁": ("yuen",), "麦": ("mak",), "彭": ("pang",), "苏": ("so",),
    "谭": ("tam",), "黎": ("lai",), "赖": ("lai",), "余": ("yu", "yue"), "区": ("au", "ao"),
    "萧": ("siu",), "孙": ("suen", "sun"), "关": ("kwan",), "莫": ("mok",), "石": ("shek",),
    "严": ("yim",), "梅": ("mui",), "温": ("wan",), "文": ("man",), "方": ("fong",),
    "庄": ("chong",), "廖": ("liu",), "邝": ("kwong",), "霍": ("fok",), "侯": ("hau",),
    "韦": ("wai",), "魏": ("ngai",), "岑": ("sham", "shum"), "陆": ("luk",), "杜": ("to",),
    "汤": ("tong",), "唐": ("tong",), "丁": ("ting",), "顾": ("koo",), "姚": ("yiu",),
    "沈": ("shum", "sum"), "施": ("sze",), "尹": ("wan",), "游": ("yau",), "邱": ("yau",),
    "甘": ("kam",), "金": ("kam",), "简": ("kan",), "容": ("yung",), "翁": ("yung",),
    "龚": ("kung",), "熊": ("hung",), "洪": ("hung",), "孔": ("hung",), "雷": ("lui",),
    "吕": ("lui",), "冼": ("sin",), "钱": ("chin",), "范": ("fan",), "田": ("tin",),
    "欧阳": ("auyeung", "au-yeung"), "司徒": ("szeto",), "上官": ("sheungkwun",),
}

#: Hokkien and Teochew spellings of common surnames (Singapore, Malaysia, the Philippines).
HOKKIEN_SURNAMES: dict[str, tuple[str, ...]] = {
    "陈": ("tan",), "林": ("lim",), "黄": ("ng", "wee", "ong"), "李": ("lee",),
    "张": ("teo", "chong", "teoh"), "王": ("ong", "heng"), "吴": ("goh", "ng"),
    "刘": ("lau", "low"), "蔡": ("chua",), "杨": ("yeo", "yeoh"), "郑": ("tay", "teh"),
    "谢": ("chia", "seah"), "许": ("koh", "khoo"), "郭": ("quek", "kwek", "kuek"),
    "洪": ("ang",), "邱": ("khoo",), "庄": ("chng",), "苏": ("soh",), "周": ("chew",),
    "何": ("hoe",), "叶": ("yap", "yeap"), "罗": ("loh",), "萧": ("seow", "siow"),
    "卢": ("loo",), "潘": ("phua",), "孙": ("sng",), "方": ("png",), "翁": ("ong",),
    "魏": ("gwee",), "余": ("ee",), "曾": ("chan",), "梁": ("neo", "leong"),
}
