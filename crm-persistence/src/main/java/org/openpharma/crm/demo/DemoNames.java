package org.openpharma.crm.demo;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Japanese personal names for demo data: common family names with their real frequency skew (佐藤 is
 * about twelve times as common as 松村) and male and female given names, each with the katakana reading
 * and Hepburn romaji. Pure and deterministic: the caller's seeded random decides everything.
 */
public final class DemoNames {

	/** One name part: 佐藤 / サトウ / Sato. */
	public record Part(String kanji, String kana, String romaji) {

		/** The reading in hiragana (さとう), as clinics write the director's name in their own name. */
		public String hiragana() {
			StringBuilder sb = new StringBuilder(this.kana.length());
			for (char c : this.kana.toCharArray()) {
				sb.append((c >= '\u30A1' && c <= '\u30F6') ? (char) (c - 0x60) : c);
			}
			return sb.toString();
		}

	}

	/** A full name as the HCP table stores it: family name first, one ASCII space. */
	public record PersonName(Part family, Part given, boolean female) {

		public String kanji() {
			return this.family.kanji() + " " + this.given.kanji();
		}

		public String kana() {
			return this.family.kana() + " " + this.given.kana();
		}

		public String romaji() {
			return this.family.romaji() + " " + this.given.romaji();
		}

	}

	/**
	 * Family names with approximate numbers of bearers in units of 10,000 (published surname rankings,
	 * rounded), so that the demo's name distribution, and therefore search selectivity, looks like Japan's.
	 */
	private static final String[] FAMILY = { "佐藤:サトウ:Sato:187", "鈴木:スズキ:Suzuki:180", "高橋:タカハシ:Takahashi:141",
			"田中:タナカ:Tanaka:133", "伊藤:イトウ:Ito:107", "渡辺:ワタナベ:Watanabe:106", "山本:ヤマモト:Yamamoto:107",
			"中村:ナカムラ:Nakamura:104", "小林:コバヤシ:Kobayashi:102", "加藤:カトウ:Kato:89", "吉田:ヨシダ:Yoshida:83",
			"山田:ヤマダ:Yamada:81", "佐々木:ササキ:Sasaki:67", "山口:ヤマグチ:Yamaguchi:63", "松本:マツモト:Matsumoto:62",
			"井上:イノウエ:Inoue:61", "木村:キムラ:Kimura:57", "林:ハヤシ:Hayashi:54", "斎藤:サイトウ:Saito:54",
			"清水:シミズ:Shimizu:53", "山崎:ヤマザキ:Yamazaki:48", "森:モリ:Mori:47", "池田:イケダ:Ikeda:44",
			"橋本:ハシモト:Hashimoto:44", "阿部:アベ:Abe:44", "石川:イシカワ:Ishikawa:43", "山下:ヤマシタ:Yamashita:42",
			"中島:ナカジマ:Nakajima:41", "石井:イシイ:Ishii:40", "小川:オガワ:Ogawa:39", "前田:マエダ:Maeda:39",
			"岡田:オカダ:Okada:38", "長谷川:ハセガワ:Hasegawa:38", "藤田:フジタ:Fujita:38", "後藤:ゴトウ:Goto:37",
			"近藤:コンドウ:Kondo:37", "村上:ムラカミ:Murakami:35", "遠藤:エンドウ:Endo:33", "青木:アオキ:Aoki:32",
			"坂本:サカモト:Sakamoto:32", "斉藤:サイトウ:Saito:31", "福田:フクダ:Fukuda:30", "太田:オオタ:Ota:30",
			"西村:ニシムラ:Nishimura:30", "藤井:フジイ:Fujii:29", "金子:カネコ:Kaneko:28", "岡本:オカモト:Okamoto:28",
			"藤原:フジワラ:Fujiwara:28", "中野:ナカノ:Nakano:28", "三浦:ミウラ:Miura:27", "原田:ハラダ:Harada:27",
			"中川:ナカガワ:Nakagawa:27", "松田:マツダ:Matsuda:27", "竹内:タケウチ:Takeuchi:27", "小野:オノ:Ono:26",
			"田村:タムラ:Tamura:26", "中山:ナカヤマ:Nakayama:25", "和田:ワダ:Wada:25", "石田:イシダ:Ishida:25",
			"森田:モリタ:Morita:25", "上田:ウエダ:Ueda:25", "原:ハラ:Hara:24", "内田:ウチダ:Uchida:24", "柴田:シバタ:Shibata:24",
			"酒井:サカイ:Sakai:24", "宮崎:ミヤザキ:Miyazaki:24", "横山:ヨコヤマ:Yokoyama:23", "高木:タカギ:Takagi:23",
			"安藤:アンドウ:Ando:23", "宮本:ミヤモト:Miyamoto:23", "大野:オオノ:Ono:23", "小島:コジマ:Kojima:22",
			"谷口:タニグチ:Taniguchi:22", "今井:イマイ:Imai:22", "工藤:クドウ:Kudo:22", "高田:タカダ:Takada:21",
			"増田:マスダ:Masuda:21", "丸山:マルヤマ:Maruyama:21", "杉山:スギヤマ:Sugiyama:21", "村田:ムラタ:Murata:21",
			"大塚:オオツカ:Otsuka:21", "小山:コヤマ:Koyama:20", "平野:ヒラノ:Hirano:20", "藤本:フジモト:Fujimoto:20",
			"河野:コウノ:Kono:20", "上野:ウエノ:Ueno:20", "野口:ノグチ:Noguchi:20", "武田:タケダ:Takeda:20",
			"松井:マツイ:Matsui:20", "千葉:チバ:Chiba:19", "岩崎:イワサキ:Iwasaki:19", "菅原:スガワラ:Sugawara:19",
			"木下:キノシタ:Kinoshita:19", "久保:クボ:Kubo:19", "佐野:サノ:Sano:19", "野村:ノムラ:Nomura:19",
			"松尾:マツオ:Matsuo:19", "市川:イチカワ:Ichikawa:18", "菊地:キクチ:Kikuchi:18", "杉本:スギモト:Sugimoto:18",
			"古川:フルカワ:Furukawa:18", "大西:オオニシ:Onishi:18", "島田:シマダ:Shimada:18", "水野:ミズノ:Mizuno:18",
			"桜井:サクライ:Sakurai:17", "高野:タカノ:Takano:17", "渡部:ワタナベ:Watanabe:17", "吉川:ヨシカワ:Yoshikawa:17",
			"山内:ヤマウチ:Yamauchi:17", "西田:ニシダ:Nishida:17", "飯田:イイダ:Iida:17", "菊池:キクチ:Kikuchi:17",
			"西川:ニシカワ:Nishikawa:17", "小松:コマツ:Komatsu:17", "北村:キタムラ:Kitamura:17", "安田:ヤスダ:Yasuda:16",
			"五十嵐:イガラシ:Igarashi:16", "川口:カワグチ:Kawaguchi:16", "平田:ヒラタ:Hirata:16", "関:セキ:Seki:16",
			"中田:ナカタ:Nakata:16", "久保田:クボタ:Kubota:16", "服部:ハットリ:Hattori:16", "東:ヒガシ:Higashi:16",
			"岩田:イワタ:Iwata:16", "土屋:ツチヤ:Tsuchiya:16", "川崎:カワサキ:Kawasaki:15", "福島:フクシマ:Fukushima:15",
			"本田:ホンダ:Honda:15", "辻:ツジ:Tsuji:15", "樋口:ヒグチ:Higuchi:15", "秋山:アキヤマ:Akiyama:15",
			"田口:タグチ:Taguchi:15", "永井:ナガイ:Nagai:15", "山中:ヤマナカ:Yamanaka:15", "中西:ナカニシ:Nakanishi:15",
			"吉村:ヨシムラ:Yoshimura:15", "川上:カワカミ:Kawakami:14", "石原:イシハラ:Ishihara:14", "大橋:オオハシ:Ohashi:14",
			"松岡:マツオカ:Matsuoka:14", "馬場:ババ:Baba:14", "浜田:ハマダ:Hamada:14", "森本:モリモト:Morimoto:14",
			"星野:ホシノ:Hoshino:14", "矢野:ヤノ:Yano:14", "浅野:アサノ:Asano:14", "大久保:オオクボ:Okubo:14",
			"松下:マツシタ:Matsushita:14", "吉岡:ヨシオカ:Yoshioka:14", "新井:アライ:Arai:14", "荒木:アラキ:Araki:14",
			"小池:コイケ:Koike:14", "熊谷:クマガイ:Kumagai:13", "内藤:ナイトウ:Naito:13", "大石:オオイシ:Oishi:13",
			"堀:ホリ:Hori:13", "片山:カタヤマ:Katayama:13", "桑原:クワハラ:Kuwahara:13", "松村:マツムラ:Matsumura:13" };

	private static final String[] MALE = { "太郎:タロウ:Taro", "一郎:イチロウ:Ichiro", "健太:ケンタ:Kenta", "翔太:ショウタ:Shota",
			"大輔:ダイスケ:Daisuke", "拓也:タクヤ:Takuya", "直樹:ナオキ:Naoki", "和也:カズヤ:Kazuya", "誠:マコト:Makoto",
			"健一:ケンイチ:Kenichi", "浩:ヒロシ:Hiroshi", "隆:タカシ:Takashi", "茂:シゲル:Shigeru", "修:オサム:Osamu",
			"剛:ツヨシ:Tsuyoshi", "博:ヒロシ:Hiroshi", "正人:マサト:Masato", "雅之:マサユキ:Masayuki", "秀樹:ヒデキ:Hideki",
			"達也:タツヤ:Tatsuya", "淳:ジュン:Jun", "亮:リョウ:Ryo", "聡:サトシ:Satoshi", "学:マナブ:Manabu", "健二:ケンジ:Kenji",
			"裕介:ユウスケ:Yusuke", "俊介:シュンスケ:Shunsuke", "康弘:ヤスヒロ:Yasuhiro", "英明:ヒデアキ:Hideaki",
			"智之:トモユキ:Tomoyuki", "大樹:ダイキ:Daiki", "陽介:ヨウスケ:Yosuke", "信也:シンヤ:Shinya", "哲也:テツヤ:Tetsuya",
			"洋平:ヨウヘイ:Yohei", "浩二:コウジ:Koji", "悠人:ユウト:Yuto", "蓮:レン:Ren", "大翔:ヒロト:Hiroto",
			"健太郎:ケンタロウ:Kentaro", "慎一:シンイチ:Shinichi", "克也:カツヤ:Katsuya", "義明:ヨシアキ:Yoshiaki",
			"光:ヒカル:Hikaru", "勇気:ユウキ:Yuki", "豊:ユタカ:Yutaka", "昭:アキラ:Akira", "亘:ワタル:Wataru",
			"敏夫:トシオ:Toshio", "雄一:ユウイチ:Yuichi" };

	private static final String[] FEMALE = { "花子:ハナコ:Hanako", "陽子:ヨウコ:Yoko", "恵子:ケイコ:Keiko", "裕子:ユウコ:Yuko",
			"京子:キョウコ:Kyoko", "直子:ナオコ:Naoko", "智子:トモコ:Tomoko", "美穂:ミホ:Miho", "由美:ユミ:Yumi",
			"真由美:マユミ:Mayumi", "久美子:クミコ:Kumiko", "明美:アケミ:Akemi", "愛:アイ:Ai", "彩:アヤ:Aya", "麻衣:マイ:Mai",
			"沙織:サオリ:Saori", "美咲:ミサキ:Misaki", "さくら:サクラ:Sakura", "陽菜:ヒナ:Hina", "結衣:ユイ:Yui",
			"優子:ユウコ:Yuko", "香織:カオリ:Kaori", "恵美:エミ:Emi", "千尋:チヒロ:Chihiro", "奈々:ナナ:Nana", "舞:マイ:Mai",
			"明日香:アスカ:Asuka", "早紀:サキ:Saki", "瞳:ヒトミ:Hitomi", "彩香:アヤカ:Ayaka", "理恵:リエ:Rie",
			"友美:トモミ:Tomomi", "亜希子:アキコ:Akiko", "幸子:サチコ:Sachiko", "和子:カズコ:Kazuko", "洋子:ヨウコ:Yoko",
			"美紀:ミキ:Miki", "紀子:ノリコ:Noriko", "典子:ノリコ:Noriko", "綾:アヤ:Aya", "遥:ハルカ:Haruka", "葵:アオイ:Aoi",
			"真理子:マリコ:Mariko", "順子:ジュンコ:Junko", "聡子:サトコ:Satoko", "麻美:アサミ:Asami", "美香:ミカ:Mika",
			"春香:ハルカ:Haruka", "玲子:レイコ:Reiko", "静香:シズカ:Shizuka" };

	/** Share of women among Japan's physicians (about 23 % in the 2020 survey). */
	private static final int FEMALE_PERCENT = 23;

	static final List<Part> FAMILY_NAMES;

	static final List<Part> MALE_NAMES = parts(MALE);

	static final List<Part> FEMALE_NAMES = parts(FEMALE);

	private static final Weighted<Part> FAMILY_BY_FREQUENCY;

	static {
		List<Part> family = new ArrayList<>();
		int[] weights = new int[FAMILY.length];
		for (int i = 0; i < FAMILY.length; i++) {
			String[] f = FAMILY[i].split(":");
			family.add(new Part(f[0], f[1], f[2]));
			weights[i] = Integer.parseInt(f[3]);
		}
		FAMILY_NAMES = List.copyOf(family);
		FAMILY_BY_FREQUENCY = new Weighted<>(FAMILY_NAMES, weights);
	}

	private DemoNames() {
	}

	private static List<Part> parts(String[] entries) {
		return Arrays.stream(entries).map(e -> e.split(":")).map(f -> new Part(f[0], f[1], f[2])).toList();
	}

	/** Every family name the demo uses (for tests and for benchmark query lists). */
	public static List<Part> familyNames() {
		return FAMILY_NAMES;
	}

	/** A family name drawn with its real-world frequency. */
	public static Part family(SplittableRandom random) {
		return FAMILY_BY_FREQUENCY.pick(random);
	}

	/** A physician's name: family name by frequency, sex by the physicians' ratio, given name uniformly. */
	public static PersonName person(SplittableRandom random) {
		return person(family(random), random);
	}

	/** A physician with the given family name (a clinic named after its director). */
	public static PersonName person(Part family, SplittableRandom random) {
		boolean female = random.nextInt(100) < FEMALE_PERCENT;
		List<Part> given = female ? FEMALE_NAMES : MALE_NAMES;
		return new PersonName(family, given.get(random.nextInt(given.size())), female);
	}

}
