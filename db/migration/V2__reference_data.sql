-- Reference data every installation shares: regions, the 47 prefectures, specialties, departments.

INSERT INTO region (code, name_ja, name_en, sort_order) VALUES
 ('HOKKAIDO', '北海道', 'Hokkaido', 1), ('TOHOKU', '東北', 'Tohoku', 2), ('KANTO', '関東', 'Kanto', 3),
 ('CHUBU', '中部', 'Chubu', 4), ('KINKI', '近畿', 'Kinki', 5), ('CHUGOKU', '中国', 'Chugoku', 6),
 ('SHIKOKU', '四国', 'Shikoku', 7), ('KYUSHU', '九州・沖縄', 'Kyushu-Okinawa', 8);

INSERT INTO prefecture (code, name_ja, name_en, region_code) VALUES
 (1, '北海道', 'Hokkaido', 'HOKKAIDO'),
 (2, '青森県', 'Aomori', 'TOHOKU'), (3, '岩手県', 'Iwate', 'TOHOKU'), (4, '宮城県', 'Miyagi', 'TOHOKU'),
 (5, '秋田県', 'Akita', 'TOHOKU'), (6, '山形県', 'Yamagata', 'TOHOKU'), (7, '福島県', 'Fukushima', 'TOHOKU'),
 (8, '茨城県', 'Ibaraki', 'KANTO'), (9, '栃木県', 'Tochigi', 'KANTO'), (10, '群馬県', 'Gunma', 'KANTO'),
 (11, '埼玉県', 'Saitama', 'KANTO'), (12, '千葉県', 'Chiba', 'KANTO'), (13, '東京都', 'Tokyo', 'KANTO'),
 (14, '神奈川県', 'Kanagawa', 'KANTO'),
 (15, '新潟県', 'Niigata', 'CHUBU'), (16, '富山県', 'Toyama', 'CHUBU'), (17, '石川県', 'Ishikawa', 'CHUBU'),
 (18, '福井県', 'Fukui', 'CHUBU'), (19, '山梨県', 'Yamanashi', 'CHUBU'), (20, '長野県', 'Nagano', 'CHUBU'),
 (21, '岐阜県', 'Gifu', 'CHUBU'), (22, '静岡県', 'Shizuoka', 'CHUBU'), (23, '愛知県', 'Aichi', 'CHUBU'),
 (24, '三重県', 'Mie', 'KINKI'), (25, '滋賀県', 'Shiga', 'KINKI'), (26, '京都府', 'Kyoto', 'KINKI'),
 (27, '大阪府', 'Osaka', 'KINKI'), (28, '兵庫県', 'Hyogo', 'KINKI'), (29, '奈良県', 'Nara', 'KINKI'),
 (30, '和歌山県', 'Wakayama', 'KINKI'),
 (31, '鳥取県', 'Tottori', 'CHUGOKU'), (32, '島根県', 'Shimane', 'CHUGOKU'), (33, '岡山県', 'Okayama', 'CHUGOKU'),
 (34, '広島県', 'Hiroshima', 'CHUGOKU'), (35, '山口県', 'Yamaguchi', 'CHUGOKU'),
 (36, '徳島県', 'Tokushima', 'SHIKOKU'), (37, '香川県', 'Kagawa', 'SHIKOKU'), (38, '愛媛県', 'Ehime', 'SHIKOKU'),
 (39, '高知県', 'Kochi', 'SHIKOKU'),
 (40, '福岡県', 'Fukuoka', 'KYUSHU'), (41, '佐賀県', 'Saga', 'KYUSHU'), (42, '長崎県', 'Nagasaki', 'KYUSHU'),
 (43, '熊本県', 'Kumamoto', 'KYUSHU'), (44, '大分県', 'Oita', 'KYUSHU'), (45, '宮崎県', 'Miyazaki', 'KYUSHU'),
 (46, '鹿児島県', 'Kagoshima', 'KYUSHU'), (47, '沖縄県', 'Okinawa', 'KYUSHU');

INSERT INTO specialty (code, name_ja, name_en, sort_order) VALUES
 ('INTERNAL_MEDICINE', '内科', 'Internal medicine', 1),
 ('CARDIOLOGY', '循環器内科', 'Cardiology', 2),
 ('GASTROENTEROLOGY', '消化器内科', 'Gastroenterology', 3),
 ('PULMONOLOGY', '呼吸器内科', 'Pulmonology', 4),
 ('DIABETES_ENDOCRINOLOGY', '糖尿病・内分泌内科', 'Diabetes and endocrinology', 5),
 ('NEPHROLOGY', '腎臓内科', 'Nephrology', 6),
 ('NEUROLOGY', '脳神経内科', 'Neurology', 7),
 ('HEMATOLOGY', '血液内科', 'Hematology', 8),
 ('MEDICAL_ONCOLOGY', '腫瘍内科', 'Medical oncology', 9),
 ('RHEUMATOLOGY', 'リウマチ科', 'Rheumatology', 10),
 ('INFECTIOUS_DISEASES', '感染症内科', 'Infectious diseases', 11),
 ('PSYCHIATRY', '精神科', 'Psychiatry', 12),
 ('PEDIATRICS', '小児科', 'Pediatrics', 13),
 ('GENERAL_SURGERY', '外科', 'General surgery', 14),
 ('ORTHOPEDICS', '整形外科', 'Orthopedics', 15),
 ('NEUROSURGERY', '脳神経外科', 'Neurosurgery', 16),
 ('CARDIOVASCULAR_SURGERY', '心臓血管外科', 'Cardiovascular surgery', 17),
 ('OBSTETRICS_GYNECOLOGY', '産婦人科', 'Obstetrics and gynecology', 18),
 ('OPHTHALMOLOGY', '眼科', 'Ophthalmology', 19),
 ('OTOLARYNGOLOGY', '耳鼻咽喉科', 'Otolaryngology', 20),
 ('DERMATOLOGY', '皮膚科', 'Dermatology', 21),
 ('UROLOGY', '泌尿器科', 'Urology', 22),
 ('RADIOLOGY', '放射線科', 'Radiology', 23),
 ('ANESTHESIOLOGY', '麻酔科', 'Anesthesiology', 24),
 ('EMERGENCY_MEDICINE', '救急科', 'Emergency medicine', 25),
 ('GENERAL_PRACTICE', '総合診療科', 'General practice', 26),
 ('PHARMACY', '薬剤部', 'Pharmacy', 27);

INSERT INTO department (code, name_ja, name_en) VALUES
 ('SALES', '営業', 'Sales'), ('MARKETING', 'マーケティング', 'Marketing'), ('MEDICAL', 'メディカル', 'Medical affairs'),
 ('CALL_CENTER', 'コールセンター', 'Call center'), ('MANAGEMENT', '経営管理', 'Management'), ('IT', '情報システム', 'IT');
