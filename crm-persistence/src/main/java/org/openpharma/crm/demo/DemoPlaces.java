package org.openpharma.crm.demo;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The 47 prefectures as the demo data needs them: kana readings, population weights, a few cities,
 * postal code ranges and the area code of the prefectural capital. Pure data, no database.
 */
final class DemoPlaces {

	/** A city or ward with its reading, e.g. 新宿区 / シンジュクク. */
	record City(String kanji, String kana) {

		/** The name without 市/区/町 ("新宿"), for hospital names like 新宿中央病院. */
		String stem() {
			return this.kanji.substring(0, this.kanji.length() - 1);
		}

		/** The reading without シ or ク, the readings of 市 and 区. */
		String stemKana() {
			return this.kana.substring(0, this.kana.length() - 1);
		}

		boolean isWard() {
			return this.kanji.endsWith("区");
		}

	}

	/**
	 * A prefecture: code as in the prefecture table, name and reading, population in units of 10,000
	 * (2020 census, rounded; used as weight), postal code prefix range, telephone area code.
	 */
	record Prefecture(int code, String kanji, String kana, int population, int postalFrom, int postalTo,
			String areaCode, List<City> cities) {

		/** "東京都立", "大阪府立", "北海道立", "静岡県立" and their readings. */
		String publicPrefix() {
			return (this.code == 1) ? "北海道立" : this.kanji + "立";
		}

		String publicPrefixKana() {
			return (this.code == 1) ? "ホッカイドウリツ" : this.kana + "リツ";
		}

		/** The name without 都/府/県 ("静岡"), for university names. */
		String stem() {
			return (this.code == 1) ? "北海道" : this.kanji.substring(0, this.kanji.length() - 1);
		}

		String stemKana() {
			if (this.code == 1) {
				return "ホッカイドウ";
			}
			// ケン, フ and ト are the readings of 県, 府 and 都.
			return this.kana.substring(0, this.kana.length() - (this.kanji.endsWith("県") ? 2 : 1));
		}

	}

	/** Neighbourhood names used in addresses and clinic names. */
	static final String[][] NEIGHBOURHOODS = { { "本町", "ホンマチ" }, { "中央", "チュウオウ" }, { "栄町", "サカエマチ" },
			{ "緑町", "ミドリチョウ" }, { "桜台", "サクラダイ" }, { "若葉", "ワカバ" }, { "旭町", "アサヒマチ" }, { "青葉台", "アオバダイ" },
			{ "駅前", "エキマエ" }, { "希望ヶ丘", "キボウガオカ" }, { "平和台", "ヘイワダイ" }, { "光が丘", "ヒカリガオカ" },
			{ "東町", "ヒガシマチ" }, { "西町", "ニシマチ" }, { "南町", "ミナミマチ" }, { "北町", "キタマチ" }, { "富士見", "フジミ" },
			{ "日の出町", "ヒノデチョウ" }, { "松原", "マツバラ" }, { "新町", "シンマチ" } };

	static final List<Prefecture> PREFECTURES = List.of(
			p(1, "北海道", "ホッカイドウ", 522, 40, 99, "011", "札幌市:サッポロシ", "旭川市:アサヒカワシ", "函館市:ハコダテシ",
					"釧路市:クシロシ"),
			p(2, "青森県", "アオモリケン", 124, 30, 39, "017", "青森市:アオモリシ", "八戸市:ハチノヘシ", "弘前市:ヒロサキシ"),
			p(3, "岩手県", "イワテケン", 121, 20, 29, "019", "盛岡市:モリオカシ", "一関市:イチノセキシ", "奥州市:オウシュウシ"),
			p(4, "宮城県", "ミヤギケン", 230, 980, 989, "022", "仙台市:センダイシ", "石巻市:イシノマキシ", "大崎市:オオサキシ"),
			p(5, "秋田県", "アキタケン", 96, 10, 18, "018", "秋田市:アキタシ", "横手市:ヨコテシ", "大仙市:ダイセンシ"),
			p(6, "山形県", "ヤマガタケン", 107, 990, 999, "023", "山形市:ヤマガタシ", "鶴岡市:ツルオカシ", "酒田市:サカタシ"),
			p(7, "福島県", "フクシマケン", 183, 960, 979, "024", "福島市:フクシマシ", "郡山市:コオリヤマシ", "いわき市:イワキシ",
					"会津若松市:アイヅワカマツシ"),
			p(8, "茨城県", "イバラキケン", 287, 300, 319, "029", "水戸市:ミトシ", "つくば市:ツクバシ", "日立市:ヒタチシ"),
			p(9, "栃木県", "トチギケン", 193, 320, 329, "028", "宇都宮市:ウツノミヤシ", "小山市:オヤマシ", "足利市:アシカガシ"),
			p(10, "群馬県", "グンマケン", 194, 370, 379, "027", "前橋市:マエバシシ", "高崎市:タカサキシ", "太田市:オオタシ"),
			p(11, "埼玉県", "サイタマケン", 734, 330, 369, "048", "さいたま市:サイタマシ", "川越市:カワゴエシ", "川口市:カワグチシ",
					"所沢市:トコロザワシ", "越谷市:コシガヤシ"),
			p(12, "千葉県", "チバケン", 628, 260, 299, "043", "千葉市:チバシ", "船橋市:フナバシシ", "柏市:カシワシ", "松戸市:マツドシ",
					"市川市:イチカワシ"),
			p(13, "東京都", "トウキョウト", 1405, 100, 208, "03", "新宿区:シンジュクク", "世田谷区:セタガヤク", "大田区:オオタク",
					"練馬区:ネリマク", "文京区:ブンキョウク", "板橋区:イタバシク", "港区:ミナトク", "八王子市:ハチオウジシ",
					"町田市:マチダシ", "府中市:フチュウシ"),
			p(14, "神奈川県", "カナガワケン", 924, 210, 259, "045", "横浜市:ヨコハマシ", "川崎市:カワサキシ", "相模原市:サガミハラシ",
					"藤沢市:フジサワシ", "横須賀市:ヨコスカシ"),
			p(15, "新潟県", "ニイガタケン", 220, 940, 959, "025", "新潟市:ニイガタシ", "長岡市:ナガオカシ", "上越市:ジョウエツシ"),
			p(16, "富山県", "トヤマケン", 103, 930, 939, "076", "富山市:トヤマシ", "高岡市:タカオカシ", "射水市:イミズシ"),
			p(17, "石川県", "イシカワケン", 113, 920, 929, "076", "金沢市:カナザワシ", "白山市:ハクサンシ", "小松市:コマツシ"),
			p(18, "福井県", "フクイケン", 77, 910, 919, "0776", "福井市:フクイシ", "坂井市:サカイシ", "越前市:エチゼンシ"),
			p(19, "山梨県", "ヤマナシケン", 81, 400, 409, "055", "甲府市:コウフシ", "甲斐市:カイシ", "南アルプス市:ミナミアルプスシ"),
			p(20, "長野県", "ナガノケン", 205, 380, 399, "026", "長野市:ナガノシ", "松本市:マツモトシ", "上田市:ウエダシ"),
			p(21, "岐阜県", "ギフケン", 198, 500, 509, "058", "岐阜市:ギフシ", "大垣市:オオガキシ", "各務原市:カカミガハラシ"),
			p(22, "静岡県", "シズオカケン", 363, 410, 439, "054", "静岡市:シズオカシ", "浜松市:ハママツシ", "富士市:フジシ",
					"沼津市:ヌマヅシ"),
			p(23, "愛知県", "アイチケン", 754, 440, 498, "052", "名古屋市:ナゴヤシ", "豊田市:トヨタシ", "岡崎市:オカザキシ",
					"一宮市:イチノミヤシ", "豊橋市:トヨハシシ"),
			p(24, "三重県", "ミエケン", 177, 510, 519, "059", "津市:ツシ", "四日市市:ヨッカイチシ", "鈴鹿市:スズカシ"),
			p(25, "滋賀県", "シガケン", 141, 520, 529, "077", "大津市:オオツシ", "草津市:クサツシ", "彦根市:ヒコネシ"),
			p(26, "京都府", "キョウトフ", 258, 600, 629, "075", "京都市:キョウトシ", "宇治市:ウジシ", "福知山市:フクチヤマシ"),
			p(27, "大阪府", "オオサカフ", 884, 530, 599, "06", "大阪市:オオサカシ", "堺市:サカイシ", "東大阪市:ヒガシオオサカシ",
					"豊中市:トヨナカシ", "枚方市:ヒラカタシ"),
			p(28, "兵庫県", "ヒョウゴケン", 547, 650, 679, "078", "神戸市:コウベシ", "姫路市:ヒメジシ", "西宮市:ニシノミヤシ",
					"尼崎市:アマガサキシ"),
			p(29, "奈良県", "ナラケン", 133, 630, 639, "0742", "奈良市:ナラシ", "橿原市:カシハラシ", "生駒市:イコマシ"),
			p(30, "和歌山県", "ワカヤマケン", 92, 640, 649, "073", "和歌山市:ワカヤマシ", "田辺市:タナベシ", "橋本市:ハシモトシ"),
			p(31, "鳥取県", "トットリケン", 55, 680, 689, "0857", "鳥取市:トットリシ", "米子市:ヨナゴシ", "倉吉市:クラヨシシ"),
			p(32, "島根県", "シマネケン", 67, 690, 699, "0852", "松江市:マツエシ", "出雲市:イズモシ", "浜田市:ハマダシ"),
			p(33, "岡山県", "オカヤマケン", 189, 700, 719, "086", "岡山市:オカヤマシ", "倉敷市:クラシキシ", "津山市:ツヤマシ"),
			p(34, "広島県", "ヒロシマケン", 280, 720, 739, "082", "広島市:ヒロシマシ", "福山市:フクヤマシ", "呉市:クレシ"),
			p(35, "山口県", "ヤマグチケン", 134, 740, 759, "083", "山口市:ヤマグチシ", "下関市:シモノセキシ", "宇部市:ウベシ"),
			p(36, "徳島県", "トクシマケン", 72, 770, 779, "088", "徳島市:トクシマシ", "阿南市:アナンシ", "鳴門市:ナルトシ"),
			p(37, "香川県", "カガワケン", 95, 760, 769, "087", "高松市:タカマツシ", "丸亀市:マルガメシ", "坂出市:サカイデシ"),
			p(38, "愛媛県", "エヒメケン", 133, 790, 799, "089", "松山市:マツヤマシ", "今治市:イマバリシ", "新居浜市:ニイハマシ"),
			p(39, "高知県", "コウチケン", 69, 780, 789, "088", "高知市:コウチシ", "南国市:ナンコクシ", "四万十市:シマントシ"),
			p(40, "福岡県", "フクオカケン", 513, 800, 839, "092", "福岡市:フクオカシ", "北九州市:キタキュウシュウシ",
					"久留米市:クルメシ"),
			p(41, "佐賀県", "サガケン", 81, 840, 849, "0952", "佐賀市:サガシ", "唐津市:カラツシ", "鳥栖市:トスシ"),
			p(42, "長崎県", "ナガサキケン", 131, 850, 859, "095", "長崎市:ナガサキシ", "佐世保市:サセボシ", "諫早市:イサハヤシ"),
			p(43, "熊本県", "クマモトケン", 174, 860, 869, "096", "熊本市:クマモトシ", "八代市:ヤツシロシ", "天草市:アマクサシ"),
			p(44, "大分県", "オオイタケン", 112, 870, 879, "097", "大分市:オオイタシ", "別府市:ベップシ", "中津市:ナカツシ"),
			p(45, "宮崎県", "ミヤザキケン", 107, 880, 889, "0985", "宮崎市:ミヤザキシ", "都城市:ミヤコノジョウシ", "延岡市:ノベオカシ"),
			p(46, "鹿児島県", "カゴシマケン", 159, 890, 899, "099", "鹿児島市:カゴシマシ", "霧島市:キリシマシ", "鹿屋市:カノヤシ"),
			p(47, "沖縄県", "オキナワケン", 147, 900, 909, "098", "那覇市:ナハシ", "沖縄市:オキナワシ", "うるま市:ウルマシ"));

	private static final Weighted<Prefecture> BY_POPULATION = new Weighted<>(PREFECTURES,
			PREFECTURES.stream().mapToInt(Prefecture::population).toArray());

	private DemoPlaces() {
	}

	private static Prefecture p(int code, String kanji, String kana, int population, int postalFrom, int postalTo,
			String areaCode, String... cities) {
		List<City> list = Arrays.stream(cities).map(c -> {
			String[] parts = c.split(":");
			return new City(parts[0], parts[1]);
		}).toList();
		return new Prefecture(code, kanji, kana, population, postalFrom, postalTo, areaCode, list);
	}

	static Prefecture prefecture(int code) {
		return PREFECTURES.get(code - 1);
	}

	/** A prefecture drawn with probability proportional to its population. */
	static Prefecture byPopulation(SplittableRandom random) {
		return BY_POPULATION.pick(random);
	}

	static City city(Prefecture prefecture, SplittableRandom random) {
		// The first city is the prefectural capital: give it a larger share, as hospitals cluster there.
		List<City> cities = prefecture.cities();
		return (random.nextInt(3) == 0) ? cities.get(0) : cities.get(random.nextInt(cities.size()));
	}

	/** NNN-NNNN with the prefecture's leading digits. */
	static String postalCode(Prefecture prefecture, SplittableRandom random) {
		int head = prefecture.postalFrom() + random.nextInt(prefecture.postalTo() - prefecture.postalFrom() + 1);
		return String.format("%03d-%04d", head, random.nextInt(10000));
	}

	/** 都道府県 + 市区 + 町名 + 丁目 + 番地, e.g. 東京都新宿区本町2丁目3-14. */
	static String address(Prefecture prefecture, City city, SplittableRandom random) {
		String[] area = NEIGHBOURHOODS[random.nextInt(NEIGHBOURHOODS.length)];
		return prefecture.kanji() + city.kanji() + area[0] + (1 + random.nextInt(5)) + "丁目" + (1 + random.nextInt(30))
				+ "-" + (1 + random.nextInt(25));
	}

	/** Ten digits in total, grouped as Japanese numbers are written (03-1234-5678, 0776-12-3456). */
	static String phone(Prefecture prefecture, SplittableRandom random) {
		String area = prefecture.areaCode();
		int local = 10 - area.length();
		int exchangeDigits = local - 4;
		int exchange = (int) Math.pow(10, exchangeDigits - 1) + random.nextInt(9 * (int) Math.pow(10, exchangeDigits - 1));
		return area + "-" + exchange + "-" + String.format("%04d", random.nextInt(10000));
	}

}
