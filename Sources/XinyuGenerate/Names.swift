// Names: schools built from the district's place names and numbered schools; teachers from common
// surnames and given-name characters. Uniqueness is checked against what was already used (a Set
// used only for membership, never iterated).

import XinyuPack

enum Names {
    /// Places and streets of 吉林市昌邑区 and neighbouring areas, for school names.
    static let places = [
        "延安", "新地号", "东局子", "兴华", "文庙", "民主", "站前", "延江", "莲花", "通江", "哈达湾",
        "孤店子", "桦皮厂", "左家", "两家子", "土城子", "九站", "松江", "维新", "北极", "永昌", "新华",
        "向阳", "江北", "前进", "昌邑", "吉化", "双吉", "大屯", "致和", "越山", "德胜", "长春路", "解放",
    ]

    /// Common surnames, the most frequent listed twice so they come up more often.
    static let surnames = [
        "王", "王", "李", "李", "张", "张", "刘", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙",
        "马", "朱", "胡", "郭", "何", "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯",
        "邓", "曹", "彭", "曾", "肖", "田", "董", "袁", "潘", "于", "蒋", "蔡", "余", "杜", "叶", "程",
        "苏", "魏", "吕", "丁", "任", "沈", "姚", "卢", "姜", "崔", "钟", "谭", "陆", "范", "金", "石",
        "贾", "夏", "付", "方", "白", "邹", "孟", "熊", "秦", "邱", "江", "尹", "薛", "闫", "段", "雷",
        "侯", "龙", "史", "陶", "贺", "顾", "毛", "郝", "龚", "邵", "万", "钱", "武", "戴", "孔", "汤",
    ]

    /// Given-name characters.
    static let givenChars = [
        "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明",
        "超", "霞", "平", "刚", "华", "红", "玉", "英", "梅", "鹏", "辉", "斌", "宇", "浩", "凯", "婷",
        "雪", "琳", "晶", "颖", "欣", "悦", "佳", "慧", "莉", "倩", "丹", "鑫", "博", "飞", "峰", "波",
        "建", "国", "志", "海", "文", "春", "秀", "兰", "凤", "淑", "彤", "晓", "宏", "立", "新", "爽",
        "冬", "雨", "思", "婧", "楠", "萍", "岩", "松", "晨", "阳", "亮", "丰", "旭", "东", "健", "燕",
    ]

    /// 1 → 一, 12 → 十二, 23 → 二十三 (1–99).
    static func chineseNumber(_ n: Int) -> String {
        let digits = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"]
        if n < 10 { return digits[n] }
        let tens = n / 10, ones = n % 10
        return (tens == 1 ? "" : digits[tens]) + "十" + digits[ones]
    }

    /// A school name for the kind of school, not in `used`.
    static func school(stages: [Stage], rng: inout SplitMix64, used: inout Set<String>) -> String {
        for attempt in 0..<200 {
            let n = rng.int(1...(attempt < 100 ? 40 : 99))
            let lab = rng.int(1...(attempt < 100 ? 6 : 20))  // few 实验小学 per district
            let place = rng.pick(places)
            let name: String
            switch stages {
            case [.primary]:
                name = rng.pick([
                    "昌邑区第\(chineseNumber(lab))实验小学", "昌邑区\(place)小学", "吉林市\(place)小学",
                    "昌邑区\(place)街小学", "昌邑区第\(chineseNumber(n))小学",
                ])
            case [.junior]:
                name = rng.pick(["昌邑区第\(chineseNumber(n))中学", "吉林市第\(chineseNumber(n))中学",
                                 "昌邑区\(place)中学"])
            case [.senior]:
                name = rng.pick(["吉林市第\(chineseNumber(n))中学", "吉林市第\(chineseNumber(n))高级中学",
                                 "吉林市\(place)高级中学"])
            default:
                name = rng.pick(["昌邑区\(place)学校", "昌邑区\(place)九年一贯制学校",
                                 "吉林市第\(chineseNumber(n))中学（九年一贯制）"])
            }
            if used.insert(name).inserted { return name }
        }
        // Not reached with the lists above for any realistic number of schools.
        let fallback = "昌邑区第\(used.count + 1)号学校"
        used.insert(fallback)
        return fallback
    }

    /// A teacher's name (surname + one or two characters), not in `used` if avoidable.
    static func person(rng: inout SplitMix64, used: inout Set<String>) -> String {
        var name = ""
        for _ in 0..<20 {
            name = rng.pick(surnames) + rng.pick(givenChars)
            if rng.chance(65) { name += rng.pick(givenChars) }
            if used.insert(name).inserted { return name }
        }
        return name  // a duplicate name is allowed (ids are what identify teachers)
    }
}
