PRAGMA foreign_keys=OFF;
BEGIN TRANSACTION;
CREATE TABLE schema_migrations (
  module TEXT NOT NULL,
  version INTEGER NOT NULL,
  name TEXT NOT NULL,
  applied_at TEXT NOT NULL,
  PRIMARY KEY (module, version)
);
INSERT INTO schema_migrations VALUES('core',1,'init','2026-11-27T12:43:38Z');
INSERT INTO schema_migrations VALUES('org',1,'init','2026-11-27T12:43:38Z');
INSERT INTO schema_migrations VALUES('draw',1,'init','2026-11-27T12:43:38Z');
INSERT INTO schema_migrations VALUES('power',1,'init','2026-11-27T12:43:38Z');
INSERT INTO schema_migrations VALUES('complaint',1,'init','2026-11-27T12:43:38Z');
INSERT INTO schema_migrations VALUES('rectify',1,'init','2026-11-27T12:43:38Z');
INSERT INTO schema_migrations VALUES('audit',1,'init','2026-11-27T12:43:38Z');
INSERT INTO schema_migrations VALUES('discipline',1,'init','2026-11-27T12:43:38Z');
INSERT INTO schema_migrations VALUES('books',1,'init','2026-11-27T12:43:38Z');
INSERT INTO schema_migrations VALUES('assets',1,'init','2026-11-27T12:43:38Z');
INSERT INTO schema_migrations VALUES('trade',1,'init','2026-11-27T12:43:38Z');
INSERT INTO schema_migrations VALUES('disclose',1,'init','2026-11-27T12:43:38Z');
INSERT INTO schema_migrations VALUES('subsidy',1,'init','2026-11-27T12:43:38Z');
INSERT INTO schema_migrations VALUES('plan',1,'init','2026-11-27T12:43:38Z');
INSERT INTO schema_migrations VALUES('edu',1,'init','2026-11-27T12:43:38Z');
CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  username TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('admin','jiwei','dept','accountant','village','supervisor','inspector')),
  dept TEXT,
  person_id INTEGER,
  password_hash TEXT NOT NULL,
  failed_logins INTEGER NOT NULL DEFAULT 0,
  locked_until TEXT,
  disabled INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  password_changed_at TEXT NOT NULL
);
INSERT INTO users VALUES(1,'upgrade','upgrade','village',NULL,NULL,'$argon2id$v=19$m=65536,t=2,p=1$ddcxuT1gwMFV2gBBWtxoxg$fulj9O925GbHYAwThIGRjrRmhpz7F7uzw6Ur7S9G/BI',0,NULL,0,'2026-11-27T12:43:39.047352Z','2026-11-27T12:43:39.047352Z');
CREATE TABLE user_village (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id),
  village_id INTEGER NOT NULL,
  UNIQUE (user_id, village_id)
);
INSERT INTO user_village VALUES(1,1,1);
CREATE TABLE sessions (
  id_hash TEXT PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id),
  csrf TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
);
CREATE TABLE settings (
  id INTEGER PRIMARY KEY,
  key TEXT NOT NULL UNIQUE,
  value TEXT NOT NULL
);
CREATE TABLE trail (
  seq INTEGER PRIMARY KEY,
  ts TEXT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  entity TEXT NOT NULL,
  key TEXT NOT NULL,
  village_id INTEGER,
  entry TEXT NOT NULL,
  leaf_hash TEXT NOT NULL
);
INSERT INTO trail VALUES(0,'2026-11-27T12:43:38.667559Z','cli:import','village.import','villages','1',1,'{"action":"village.import","actor":"cli:import","entity":"villages","key":"1","kind":"row","seq":0,"ts":"2026-11-27T12:43:38.667559Z","value":{"code":"321283101201","district_id":null,"households":503,"id":1,"kind":"村","name":"新合村","population":1332,"township":"黄桥镇"},"village":1}','24f1067040048ac9a5d66cdf3d77af688071bd56e80f5990e1fa520436d8e35d');
INSERT INTO trail VALUES(1,'2026-11-27T12:43:38.668308Z','cli:import','person.import','people','1',1,'{"action":"person.import","actor":"cli:import","entity":"people","key":"1","kind":"row","seq":1,"ts":"2026-11-27T12:43:38.668308Z","value":{"death_date":null,"household_no":"0003","id":1,"id_no":"321282197611103002","moved_out_date":null,"name":"许燕梅","party_member":0,"phone":null,"village_id":1},"village":1}','8a47cad4e0ae0721f4c7270467a474fa4c9894b35f0b30cd9abcefd12303ee02');
INSERT INTO trail VALUES(2,'2026-11-27T12:43:38.668308Z','cli:import','person.import','people','2',1,'{"action":"person.import","actor":"cli:import","entity":"people","key":"2","kind":"row","seq":2,"ts":"2026-11-27T12:43:38.668308Z","value":{"death_date":null,"household_no":"0004","id":2,"id_no":"321283196912252652","moved_out_date":null,"name":"陈勇军","party_member":0,"phone":"15644618445","village_id":1},"village":1}','b717e02f9651f30bafe62e4f12ab9e7aebf38d681610cb05c444e340933c5b0e');
INSERT INTO trail VALUES(3,'2026-11-27T12:43:38.668308Z','cli:import','person.import','people','3',1,'{"action":"person.import","actor":"cli:import","entity":"people","key":"3","kind":"row","seq":3,"ts":"2026-11-27T12:43:38.668308Z","value":{"death_date":null,"household_no":"0004","id":3,"id_no":"321283197311129784","moved_out_date":null,"name":"杨婷萍","party_member":0,"phone":"13808993732","village_id":1},"village":1}','a9333b0a75ab2feb91d51df0f36e1d1b7ed2b6f9d1934e1b695b1ced8672824f');
INSERT INTO trail VALUES(4,'2026-11-27T12:43:38.668308Z','cli:import','person.import','people','4',1,'{"action":"person.import","actor":"cli:import","entity":"people","key":"4","kind":"row","seq":4,"ts":"2026-11-27T12:43:38.668308Z","value":{"death_date":null,"household_no":"0006","id":4,"id_no":"321283198904126516","moved_out_date":null,"name":"徐超红","party_member":0,"phone":"13901865265","village_id":1},"village":1}','324581dd042aee2be71cb15530f5fcb1af1bd343802b2950363da93470194417');
INSERT INTO trail VALUES(5,'2026-11-27T12:43:38.668308Z','cli:import','person.import','people','5',1,'{"action":"person.import","actor":"cli:import","entity":"people","key":"5","kind":"row","seq":5,"ts":"2026-11-27T12:43:38.668308Z","value":{"death_date":null,"household_no":"0006","id":5,"id_no":"321283199403180025","moved_out_date":null,"name":"袁雨思","party_member":0,"phone":"15553918813","village_id":1},"village":1}','24e62d146776f3c4a03389972d43e18507493a03ae647b9ea579991a02df6a00');
INSERT INTO trail VALUES(6,'2026-11-27T12:43:38.668308Z','cli:import','person.import','people','6',1,'{"action":"person.import","actor":"cli:import","entity":"people","key":"6","kind":"row","seq":6,"ts":"2026-11-27T12:43:38.668308Z","value":{"death_date":"2024-11-20","household_no":"0006","id":6,"id_no":"321283196205071000","moved_out_date":null,"name":"汪芳花","party_member":0,"phone":"13357104532","village_id":1},"village":1}','1879e9fb82fe678a652f1b588a163855cc297a0a6372d60f61e0cbd3ce8ff9d1');
INSERT INTO trail VALUES(7,'2026-11-27T12:43:38.668308Z','cli:import','person.import','people','7',1,'{"action":"person.import","actor":"cli:import","entity":"people","key":"7","kind":"row","seq":7,"ts":"2026-11-27T12:43:38.668308Z","value":{"death_date":null,"household_no":"0007","id":7,"id_no":"321283195008095711","moved_out_date":null,"name":"范开祥","party_member":0,"phone":null,"village_id":1},"village":1}','0e390063de8c0fc9483de4cb9b64d8025e3253ef5bd981a2fb86295a320dde8c');
INSERT INTO trail VALUES(8,'2026-11-27T12:43:38.668308Z','cli:import','person.import','people','8',1,'{"action":"person.import","actor":"cli:import","entity":"people","key":"8","kind":"row","seq":8,"ts":"2026-11-27T12:43:38.668308Z","value":{"death_date":null,"household_no":"0007","id":8,"id_no":"321283194803298185","moved_out_date":null,"name":"丁梅","party_member":0,"phone":"15886724762","village_id":1},"village":1}','84c16f5eb21eb4f1a22502a52b53bdd16ecbefae7cf5b4c1d3a91acb2dd060a8');
INSERT INTO trail VALUES(9,'2026-11-27T12:43:38.668308Z','cli:import','person.import','people','9',1,'{"action":"person.import","actor":"cli:import","entity":"people","key":"9","kind":"row","seq":9,"ts":"2026-11-27T12:43:38.668308Z","value":{"death_date":null,"household_no":"0007","id":9,"id_no":"321283198012303396","moved_out_date":null,"name":"范东","party_member":0,"phone":"15983772976","village_id":1},"village":1}','81144398ee7767ea8a2da83841b5e3ab4da6d59f7c775048dfb31afea9b7a942');
INSERT INTO trail VALUES(10,'2026-11-27T12:43:38.668308Z','cli:import','person.import','people','10',1,'{"action":"person.import","actor":"cli:import","entity":"people","key":"10","kind":"row","seq":10,"ts":"2026-11-27T12:43:38.668308Z","value":{"death_date":null,"household_no":"0009","id":10,"id_no":"321283198606105434","moved_out_date":null,"name":"陈军","party_member":0,"phone":"15606764110","village_id":1},"village":1}','5dcc95782285b99346c78073845ea83bd69d4d73748828117263544b931e142b');
INSERT INTO trail VALUES(11,'2026-11-27T12:43:38.668308Z','cli:import','person.import','people','11',1,'{"action":"person.import","actor":"cli:import","entity":"people","key":"11","kind":"row","seq":11,"ts":"2026-11-27T12:43:38.668308Z","value":{"death_date":null,"household_no":"0009","id":11,"id_no":"32128319910719748X","moved_out_date":null,"name":"丁语颖","party_member":0,"phone":"15351624528","village_id":1},"village":1}','b055767c7ffcc28845745b13f087206d7cf4943a70fd89e600711de8a655ced7');
INSERT INTO trail VALUES(12,'2026-11-27T12:43:38.668308Z','cli:import','person.import','people','12',1,'{"action":"person.import","actor":"cli:import","entity":"people","key":"12","kind":"row","seq":12,"ts":"2026-11-27T12:43:38.668308Z","value":{"death_date":null,"household_no":"0009","id":12,"id_no":"321283195607011647","moved_out_date":null,"name":"丁翠云","party_member":0,"phone":"13733222928","village_id":1},"village":1}','356b804961897b1dee015aeaba488c279c01ba25dbf6305f085bc00fcfd12fc1');
INSERT INTO trail VALUES(13,'2026-11-27T12:43:38.668308Z','cli:import','person.import','people','13',1,'{"action":"person.import","actor":"cli:import","entity":"people","key":"13","kind":"row","seq":13,"ts":"2026-11-27T12:43:38.668308Z","value":{"death_date":null,"household_no":"0012","id":13,"id_no":"321283195006119898","moved_out_date":null,"name":"吴正华","party_member":0,"phone":"18618521705","village_id":1},"village":1}','abdc01f1c4aa7201b56eb81c0c9aff4baf0d5348c30630c8dcf9744e3f57f3b7');
INSERT INTO trail VALUES(14,'2026-11-27T12:43:38.668308Z','cli:import','person.import','people','14',1,'{"action":"person.import","actor":"cli:import","entity":"people","key":"14","kind":"row","seq":14,"ts":"2026-11-27T12:43:38.668308Z","value":{"death_date":null,"household_no":"0028","id":14,"id_no":"321283195011015794","moved_out_date":null,"name":"张金春","party_member":0,"phone":"15860626647","village_id":1},"village":1}','d055dfade4daa8d585bb5fa5a745dbe896778a70be9afe9984eac9eb6ce26ae6');
INSERT INTO trail VALUES(15,'2026-11-27T12:43:38.668308Z','cli:import','person.import','people','15',1,'{"action":"person.import","actor":"cli:import","entity":"people","key":"15","kind":"row","seq":15,"ts":"2026-11-27T12:43:38.668308Z","value":{"death_date":null,"household_no":"0028","id":15,"id_no":"321283195506017249","moved_out_date":null,"name":"高金香","party_member":0,"phone":null,"village_id":1},"village":1}','ff22faa2ae62d71124a2e85e61b91580d231f74eda165e6cbe54a93b624719c3');
INSERT INTO trail VALUES(16,'2026-11-27T12:43:38.668308Z','cli:import','person.import','people','16',1,'{"action":"person.import","actor":"cli:import","entity":"people","key":"16","kind":"row","seq":16,"ts":"2026-11-27T12:43:38.668308Z","value":{"death_date":null,"household_no":"0028","id":16,"id_no":"321281197506067744","moved_out_date":null,"name":"张婷平","party_member":1,"phone":null,"village_id":1},"village":1}','52161e6e96b76355192c03c33aa702f7671a7b57dfb12472beb2e349826caec2');
INSERT INTO trail VALUES(17,'2026-11-27T12:43:38.668308Z','cli:import','person.import','people','17',1,'{"action":"person.import","actor":"cli:import","entity":"people","key":"17","kind":"row","seq":17,"ts":"2026-11-27T12:43:38.668308Z","value":{"death_date":null,"household_no":"0028","id":17,"id_no":"321283197811037464","moved_out_date":null,"name":"张莉婷","party_member":0,"phone":"15314769905","village_id":1},"village":1}','f5c1339c8bd5f477ad244ca85daf7be0536b3b72fb7391d405522d5f73e30633');
INSERT INTO trail VALUES(18,'2026-11-27T12:43:38.668308Z','cli:import','person.import','people','18',1,'{"action":"person.import","actor":"cli:import","entity":"people","key":"18","kind":"row","seq":18,"ts":"2026-11-27T12:43:38.668308Z","value":{"death_date":null,"household_no":"0043","id":18,"id_no":"321283195005230551","moved_out_date":null,"name":"徐志道","party_member":0,"phone":"18852481984","village_id":1},"village":1}','36b77cd303312be464cb84eb8e9c2037a5eb4348491d0c791d371210508c052b');
INSERT INTO trail VALUES(19,'2026-11-27T12:43:38.668308Z','cli:import','person.import','people','19',1,'{"action":"person.import","actor":"cli:import","entity":"people","key":"19","kind":"row","seq":19,"ts":"2026-11-27T12:43:38.668308Z","value":{"death_date":null,"household_no":"0043","id":19,"id_no":"321283194802258384","moved_out_date":null,"name":"赵芳","party_member":0,"phone":"13738197931","village_id":1},"village":1}','1c1ae68d50f560cbb5373edd371ce25e2560dd98258cd09d26cd1fca1ce39a9a');
INSERT INTO trail VALUES(20,'2026-11-27T12:43:38.668308Z','cli:import','person.import','people','20',1,'{"action":"person.import","actor":"cli:import","entity":"people","key":"20","kind":"row","seq":20,"ts":"2026-11-27T12:43:38.668308Z","value":{"death_date":null,"household_no":"0043","id":20,"id_no":"321283198210232955","moved_out_date":null,"name":"徐明刚","party_member":0,"phone":"18546252918","village_id":1},"village":1}','1a22c5d730366d9b467d6663b367a5270a0da81f1a4d510cc3b64f14c047828f');
INSERT INTO trail VALUES(21,'2026-11-27T12:43:38.668308Z','cli:import','person.import','people','21',1,'{"action":"person.import","actor":"cli:import","entity":"people","key":"21","kind":"row","seq":21,"ts":"2026-11-27T12:43:38.668308Z","value":{"death_date":null,"household_no":"0050","id":21,"id_no":"32068219810220963X","moved_out_date":null,"name":"范峰","party_member":0,"phone":null,"village_id":1},"village":1}','d4b9784465a8e7abf00aaf61b88951a478edf6ff745574d1b2215b1c2a3ced1a');
INSERT INTO trail VALUES(22,'2026-11-27T12:43:38.668308Z','cli:import','person.import','people','22',1,'{"action":"person.import","actor":"cli:import","entity":"people","key":"22","kind":"row","seq":22,"ts":"2026-11-27T12:43:38.668308Z","value":{"death_date":null,"household_no":"0050","id":22,"id_no":"321283198504115228","moved_out_date":null,"name":"李娟静","party_member":0,"phone":"18752705616","village_id":1},"village":1}','b9ddf1fa0ec17ae6fd1db6aa09cd88de70b5ab4ca5ddb9389caeae6565c82ee0');
INSERT INTO trail VALUES(23,'2026-11-27T12:43:38.668308Z','cli:import','person.import','people','23',1,'{"action":"person.import","actor":"cli:import","entity":"people","key":"23","kind":"row","seq":23,"ts":"2026-11-27T12:43:38.668308Z","value":{"death_date":null,"household_no":"0050","id":23,"id_no":"321283195910125903","moved_out_date":null,"name":"朱琴","party_member":0,"phone":"15874677756","village_id":1},"village":1}','e73c6591186ab9c989b3a2b85d0e257f160e76e97da3120d2c3f95fec0ebc90c');
INSERT INTO trail VALUES(24,'2026-11-27T12:43:38.668308Z','cli:import','person.import','people','24',1,'{"action":"person.import","actor":"cli:import","entity":"people","key":"24","kind":"row","seq":24,"ts":"2026-11-27T12:43:38.668308Z","value":{"death_date":null,"household_no":"0052","id":24,"id_no":"321283197009224254","moved_out_date":null,"name":"徐飞","party_member":1,"phone":null,"village_id":1},"village":1}','06e3b6619967edae50c5bef79142272254d70c894314b351cef2dcc0dc956f78');
INSERT INTO trail VALUES(25,'2026-11-27T12:43:38.668308Z','cli:import','person.import','people','25',1,'{"action":"person.import","actor":"cli:import","entity":"people","key":"25","kind":"row","seq":25,"ts":"2026-11-27T12:43:38.668308Z","value":{"death_date":null,"household_no":"0052","id":25,"id_no":"321283196911174189","moved_out_date":null,"name":"马洁","party_member":0,"phone":"18342179713","village_id":1},"village":1}','887eca3049d40773020f1b889f84a4e55df04be92e93205404ef30943f785ae4');
INSERT INTO trail VALUES(26,'2026-11-27T12:43:38.668308Z','cli:import','person.import','people','26',1,'{"action":"person.import","actor":"cli:import","entity":"people","key":"26","kind":"row","seq":26,"ts":"2026-11-27T12:43:38.668308Z","value":{"death_date":null,"household_no":"0052","id":26,"id_no":"321283199305166457","moved_out_date":null,"name":"徐轩子","party_member":0,"phone":"18334697268","village_id":1},"village":1}','dc31ec5f0fbabec21f9dad9065e231ba80c6a8c5e6d0435dcb8c993c3b44dc83');
INSERT INTO trail VALUES(27,'2026-11-27T12:43:38.668308Z','cli:import','person.import','people','27',1,'{"action":"person.import","actor":"cli:import","entity":"people","key":"27","kind":"row","seq":27,"ts":"2026-11-27T12:43:38.668308Z","value":{"death_date":null,"household_no":"0056","id":27,"id_no":"321283196003175055","moved_out_date":null,"name":"周洪志","party_member":0,"phone":"18005142633","village_id":1},"village":1}','b12838d276ad44e0e367ee4f7aab20836cbd0a951d8d78a881432f35d66fc5cf');
INSERT INTO trail VALUES(28,'2026-11-27T12:43:38.668308Z','cli:import','person.import','people','28',1,'{"action":"person.import","actor":"cli:import","entity":"people","key":"28","kind":"row","seq":28,"ts":"2026-11-27T12:43:38.668308Z","value":{"death_date":null,"household_no":"0056","id":28,"id_no":"321283196507228640","moved_out_date":null,"name":"何倩","party_member":0,"phone":"15815388509","village_id":1},"village":1}','015d0ef63dbdd29795016a28765ab5b9151545008b55088d8ea47a008f46430c');
INSERT INTO trail VALUES(29,'2026-11-27T12:43:38.668308Z','cli:import','person.import','people','29',1,'{"action":"person.import","actor":"cli:import","entity":"people","key":"29","kind":"row","seq":29,"ts":"2026-11-27T12:43:38.668308Z","value":{"death_date":null,"household_no":"0062","id":29,"id_no":"321283198310059790","moved_out_date":null,"name":"张锋超","party_member":1,"phone":"15050972654","village_id":1},"village":1}','4a428c0146b0039b219e3cb4f822f958b4eb1afcbaab53443d254bae04c69165');
INSERT INTO trail VALUES(30,'2026-11-27T12:43:38.668308Z','cli:import','person.import','people','30',1,'{"action":"person.import","actor":"cli:import","entity":"people","key":"30","kind":"row","seq":30,"ts":"2026-11-27T12:43:38.668308Z","value":{"death_date":null,"household_no":"0062","id":30,"id_no":"320682198409041560","moved_out_date":null,"name":"王萍霞","party_member":0,"phone":"15787057415","village_id":1},"village":1}','334fcaffe19986aa01f1f6d97fa488be750a7ed1523f9a5b93106ecbe479bd90');
INSERT INTO trail VALUES(31,'2026-11-27T12:43:38.668308Z','cli:import','person.import','people','31',1,'{"action":"person.import","actor":"cli:import","entity":"people","key":"31","kind":"row","seq":31,"ts":"2026-11-27T12:43:38.668308Z","value":{"death_date":null,"household_no":"0082","id":31,"id_no":"321283196801147593","moved_out_date":null,"name":"刘春斌","party_member":0,"phone":"15348176948","village_id":1},"village":1}','df543dafb3a5e4e98df0b3517baa8d684691a3b18ed15cb47c2899752264f38a');
INSERT INTO trail VALUES(32,'2026-11-27T12:43:38.668308Z','cli:import','person.import','people','32',1,'{"action":"person.import","actor":"cli:import","entity":"people","key":"32","kind":"row","seq":32,"ts":"2026-11-27T12:43:38.668308Z","value":{"death_date":null,"household_no":"0082","id":32,"id_no":"321283196904022902","moved_out_date":null,"name":"陈艳春","party_member":0,"phone":"13707090889","village_id":1},"village":1}','e9ff34777a6b75466406a77c00c8a99ac0338b07bab8a3febf008ec92b325c07');
INSERT INTO trail VALUES(33,'2026-11-27T12:43:38.668308Z','cli:import','person.import','people','33',1,'{"action":"person.import","actor":"cli:import","entity":"people","key":"33","kind":"row","seq":33,"ts":"2026-11-27T12:43:38.668308Z","value":{"death_date":null,"household_no":"0090","id":33,"id_no":"321283196401143059","moved_out_date":null,"name":"邱建泉","party_member":0,"phone":null,"village_id":1},"village":1}','f0884c23341054f0783144738174a76d58d341c65c69e8f09c4ac4cea1ca7439');
INSERT INTO trail VALUES(34,'2026-11-27T12:43:38.668308Z','cli:import','person.import','people','34',1,'{"action":"person.import","actor":"cli:import","entity":"people","key":"34","kind":"row","seq":34,"ts":"2026-11-27T12:43:38.668308Z","value":{"death_date":null,"household_no":"0094","id":34,"id_no":"321283197409026038","moved_out_date":null,"name":"殷辉春","party_member":1,"phone":null,"village_id":1},"village":1}','13be0f8c234a898b876fc07ff03968c09e8302d8d27d73a5041e339e4f624ee2');
INSERT INTO trail VALUES(35,'2026-11-27T12:43:38.668308Z','cli:import','person.import','people','35',1,'{"action":"person.import","actor":"cli:import","entity":"people","key":"35","kind":"row","seq":35,"ts":"2026-11-27T12:43:38.668308Z","value":{"death_date":null,"household_no":"0094","id":35,"id_no":"321283197604092081","moved_out_date":null,"name":"张洁","party_member":0,"phone":"15250134023","village_id":1},"village":1}','9a960d2ac84184b38553b14cf0c6d2a4cc130f1ce6aa3f78d96f70f12c30402f');
INSERT INTO trail VALUES(36,'2026-11-27T12:43:38.668308Z','cli:import','person.import','people','36',1,'{"action":"person.import","actor":"cli:import","entity":"people","key":"36","kind":"row","seq":36,"ts":"2026-11-27T12:43:38.668308Z","value":{"death_date":null,"household_no":"0094","id":36,"id_no":"321012194206151517","moved_out_date":null,"name":"殷进富","party_member":0,"phone":"13066803562","village_id":1},"village":1}','c7294826fd4bd5a0c62b5400f1c623914a301c092762f0d36ba6a7dbab125ff2');
INSERT INTO trail VALUES(37,'2026-11-27T12:43:38.668308Z','cli:import','person.import','people','37',1,'{"action":"person.import","actor":"cli:import","entity":"people","key":"37","kind":"row","seq":37,"ts":"2026-11-27T12:43:38.668308Z","value":{"death_date":null,"household_no":"0094","id":37,"id_no":"321283194212234921","moved_out_date":null,"name":"韩月银","party_member":0,"phone":null,"village_id":1},"village":1}','75e9dd009c6cdad9116664c9db1d0c62c9e75c6461f044e7f1fda34c570bcceb');
INSERT INTO trail VALUES(38,'2026-11-27T12:43:38.668308Z','cli:import','person.import','people','38',1,'{"action":"person.import","actor":"cli:import","entity":"people","key":"38","kind":"row","seq":38,"ts":"2026-11-27T12:43:38.668308Z","value":{"death_date":null,"household_no":"0094","id":38,"id_no":"321282200108167919","moved_out_date":null,"name":"殷泽宸","party_member":0,"phone":"13882688099","village_id":1},"village":1}','8cabd89548db4c84af35e3a86da984324b457fa69271cd8688bc2407d5ace5a0');
INSERT INTO trail VALUES(39,'2026-11-27T12:43:38.668308Z','cli:import','person.import','people','39',1,'{"action":"person.import","actor":"cli:import","entity":"people","key":"39","kind":"row","seq":39,"ts":"2026-11-27T12:43:38.668308Z","value":{"death_date":null,"household_no":"0097","id":39,"id_no":"321283197508055678","moved_out_date":null,"name":"王强","party_member":0,"phone":"18758414717","village_id":1},"village":1}','a4fadcf3d3713baa6905257ba93e7a7b2d329005ca968c7792fa7b39bcad4c4c');
INSERT INTO trail VALUES(40,'2026-11-27T12:43:38.668308Z','cli:import','person.import','people','40',1,'{"action":"person.import","actor":"cli:import","entity":"people","key":"40","kind":"row","seq":40,"ts":"2026-11-27T12:43:38.668308Z","value":{"death_date":null,"household_no":"0097","id":40,"id_no":"321283197408158821","moved_out_date":null,"name":"李敏玲","party_member":1,"phone":"18746154972","village_id":1},"village":1}','4d1249f4b0728517e96238285ba272caafc323dfc70c432f5f4b7ace44ee4ec3');
INSERT INTO trail VALUES(41,'2026-11-27T12:43:38.668308Z','cli:import','person.import','people','41',1,'{"action":"person.import","actor":"cli:import","entity":"people","key":"41","kind":"row","seq":41,"ts":"2026-11-27T12:43:38.668308Z","value":{"death_date":null,"household_no":"0106","id":41,"id_no":"321283199112023177","moved_out_date":null,"name":"徐昊翔","party_member":1,"phone":"18355945219","village_id":1},"village":1}','f78fd71b800e305012e83bd7869415489e8279c6c7530e6b716a5c60649848f2');
INSERT INTO trail VALUES(42,'2026-11-27T12:43:38.668308Z','cli:import','person.import','people','42',1,'{"action":"person.import","actor":"cli:import","entity":"people","key":"42","kind":"row","seq":42,"ts":"2026-11-27T12:43:38.668308Z","value":{"death_date":null,"household_no":"0117","id":42,"id_no":"321283198007092547","moved_out_date":null,"name":"梁丽玲","party_member":1,"phone":"13739156980","village_id":1},"village":1}','372cb8d46b55ca0db83023e03b3b9c31af16c9f81847369254546ed3bf01f081');
INSERT INTO trail VALUES(43,'2026-11-27T12:43:38.668308Z','cli:import','person.import','people','43',1,'{"action":"person.import","actor":"cli:import","entity":"people","key":"43","kind":"row","seq":43,"ts":"2026-11-27T12:43:38.668308Z","value":{"death_date":null,"household_no":"0121","id":43,"id_no":"321283194207298517","moved_out_date":null,"name":"马忠国","party_member":1,"phone":"13230657417","village_id":1},"village":1}','1e1781d08688f839a39bf3202b9f62fa11452f60627feb1e90bb757240d300be');
INSERT INTO trail VALUES(44,'2026-11-27T12:43:38.668308Z','cli:import','person.import','people','44',1,'{"action":"person.import","actor":"cli:import","entity":"people","key":"44","kind":"row","seq":44,"ts":"2026-11-27T12:43:38.668308Z","value":{"death_date":null,"household_no":"0121","id":44,"id_no":"321283194310266724","moved_out_date":null,"name":"黄淑桂","party_member":0,"phone":"18339757907","village_id":1},"village":1}','e4d2fc4101595953ee9ccec5ffc8b2557d9dc8fa1af5dfeda4154d64239e42db');
INSERT INTO trail VALUES(45,'2026-11-27T12:43:38.668308Z','cli:import','person.import','people','45',1,'{"action":"person.import","actor":"cli:import","entity":"people","key":"45","kind":"row","seq":45,"ts":"2026-11-27T12:43:38.668308Z","value":{"death_date":null,"household_no":"0301","id":45,"id_no":"321283197008315656","moved_out_date":null,"name":"刘荣","party_member":1,"phone":"13696022063","village_id":1},"village":1}','b0ee07bf0a455616e2bd3ab2852d32033d9c8e3524438a176672db1afc665409');
INSERT INTO trail VALUES(46,'2026-11-27T12:43:38.668308Z','cli:import','person.import','people','46',1,'{"action":"person.import","actor":"cli:import","entity":"people","key":"46","kind":"row","seq":46,"ts":"2026-11-27T12:43:38.668308Z","value":{"death_date":null,"household_no":"0320","id":46,"id_no":"321282199204048439","moved_out_date":null,"name":"徐宇昊","party_member":0,"phone":"13883497375","village_id":1},"village":1}','ae10a61f48e0b1b5e6fe53d0fc09089dd7e19014004e57be3410c98309205284');
INSERT INTO trail VALUES(47,'2026-11-27T12:43:38.668308Z','cli:import','person.import','people','47',1,'{"action":"person.import","actor":"cli:import","entity":"people","key":"47","kind":"row","seq":47,"ts":"2026-11-27T12:43:38.668308Z","value":{"death_date":null,"household_no":"0391","id":47,"id_no":"321283198409265017","moved_out_date":null,"name":"韩伟雷","party_member":0,"phone":"15129267765","village_id":1},"village":1}','4c941689a7f30ba32936eb961a0673bd16965a486a25a37ba85f3eb11093f0fd');
INSERT INTO trail VALUES(48,'2026-11-27T12:43:38.668308Z','cli:import','person.import','people','48',1,'{"action":"person.import","actor":"cli:import","entity":"people","key":"48","kind":"row","seq":48,"ts":"2026-11-27T12:43:38.668308Z","value":{"death_date":null,"household_no":"0416","id":48,"id_no":"321283199012182648","moved_out_date":null,"name":"李慧悦","party_member":1,"phone":"13836347123","village_id":1},"village":1}','2d1383e295919c04e5651142dc61d8b46c84ec06e053d3befe5e1d805a213f83');
INSERT INTO trail VALUES(49,'2026-11-27T12:43:38.668308Z','cli:import','person.import','people','49',1,'{"action":"person.import","actor":"cli:import","entity":"people","key":"49","kind":"row","seq":49,"ts":"2026-11-27T12:43:38.668308Z","value":{"death_date":null,"household_no":"0422","id":49,"id_no":"321283194612271676","moved_out_date":null,"name":"徐庆国","party_member":0,"phone":"13205239453","village_id":1},"village":1}','1c8037689bd0491b14e9cfdb96eb568c5b6b9cf2a5211a18ef1cba5915e1debe');
INSERT INTO trail VALUES(50,'2026-11-27T12:43:38.668308Z','cli:import','person.import','people','50',1,'{"action":"person.import","actor":"cli:import","entity":"people","key":"50","kind":"row","seq":50,"ts":"2026-11-27T12:43:38.668308Z","value":{"death_date":null,"household_no":"0425","id":50,"id_no":"321283199101183781","moved_out_date":null,"name":"徐蕾","party_member":1,"phone":null,"village_id":1},"village":1}','e1bb2f8e77ee67df38fdca29541a687458fa35cef5ff227e5fe9847dad48f560');
INSERT INTO trail VALUES(51,'2026-11-27T12:43:38.668308Z','cli:import','person.import','people','51',1,'{"action":"person.import","actor":"cli:import","entity":"people","key":"51","kind":"row","seq":51,"ts":"2026-11-27T12:43:38.668308Z","value":{"death_date":null,"household_no":"0431","id":51,"id_no":"321283199409127233","moved_out_date":null,"name":"李一鑫","party_member":0,"phone":"13536664178","village_id":1},"village":1}','312495354f282ddf3d2addb4d370c5ba5b72a33b4161c194415947235b0e6239');
INSERT INTO trail VALUES(52,'2026-11-27T12:43:38.668308Z','cli:import','person.import','people','52',1,'{"action":"person.import","actor":"cli:import","entity":"people","key":"52","kind":"row","seq":52,"ts":"2026-11-27T12:43:38.668308Z","value":{"death_date":null,"household_no":"0446","id":52,"id_no":"321283198006099421","moved_out_date":null,"name":"张春萍","party_member":0,"phone":"15928110077","village_id":1},"village":1}','20c4251a627b5e27ae65c5ffc372292def9a0d7f5cee831b66f96f7f6de5ae9d');
INSERT INTO trail VALUES(53,'2026-11-27T12:43:38.668308Z','cli:import','person.import','people','53',1,'{"action":"person.import","actor":"cli:import","entity":"people","key":"53","kind":"row","seq":53,"ts":"2026-11-27T12:43:38.668308Z","value":{"death_date":null,"household_no":"0492","id":53,"id_no":"321283198106171494","moved_out_date":null,"name":"徐俊飞","party_member":0,"phone":"15714550112","village_id":1},"village":1}','8748da4251923fd9f6cbe636c844871188347f4f625d804c6c192ea77da193ee');
INSERT INTO trail VALUES(54,'2026-11-27T12:43:38.693324Z','cli:import','position.import','positions','1',1,'{"action":"position.import","actor":"cli:import","entity":"positions","key":"1","kind":"row","seq":54,"ts":"2026-11-27T12:43:38.693324Z","value":{"end_date":null,"id":1,"person_id":45,"post":"书记","start_date":"2021-02-07","village_id":1},"village":1}','4a8dde4a996e4af9e729504a6d8db8745c90be6f9fb21f3adafc8d1d607e378c');
INSERT INTO trail VALUES(55,'2026-11-27T12:43:38.693324Z','cli:import','position.import','positions','2',1,'{"action":"position.import","actor":"cli:import","entity":"positions","key":"2","kind":"row","seq":55,"ts":"2026-11-27T12:43:38.693324Z","value":{"end_date":null,"id":2,"person_id":48,"post":"副书记","start_date":"2021-02-07","village_id":1},"village":1}','656a5cfc73cb1853b211d62cb8954d1543307231f137fae5dd95a568513b8429');
INSERT INTO trail VALUES(56,'2026-11-27T12:43:38.693324Z','cli:import','position.import','positions','3',1,'{"action":"position.import","actor":"cli:import","entity":"positions","key":"3","kind":"row","seq":56,"ts":"2026-11-27T12:43:38.693324Z","value":{"end_date":null,"id":3,"person_id":50,"post":"纪检委员","start_date":"2021-02-07","village_id":1},"village":1}','8b0c16365ed12f8d2fb190a7d804ecdcf36aa4b348090bbd4e2894339bb045d4');
INSERT INTO trail VALUES(57,'2026-11-27T12:43:38.693324Z','cli:import','position.import','positions','4',1,'{"action":"position.import","actor":"cli:import","entity":"positions","key":"4","kind":"row","seq":57,"ts":"2026-11-27T12:43:38.693324Z","value":{"end_date":null,"id":4,"person_id":34,"post":"主任","start_date":"2021-03-07","village_id":1},"village":1}','5e2fd7633086986852feadbd9bd078935371a80d0265b031b917510ea3db4cf7');
INSERT INTO trail VALUES(58,'2026-11-27T12:43:38.693324Z','cli:import','position.import','positions','5',1,'{"action":"position.import","actor":"cli:import","entity":"positions","key":"5","kind":"row","seq":58,"ts":"2026-11-27T12:43:38.693324Z","value":{"end_date":null,"id":5,"person_id":29,"post":"委员","start_date":"2021-03-07","village_id":1},"village":1}','cdf1ee8c1b44d91315efbd4bf3897f437b6f4ef4d51c40b021d1914ec28237de');
INSERT INTO trail VALUES(59,'2026-11-27T12:43:38.693324Z','cli:import','position.import','positions','6',1,'{"action":"position.import","actor":"cli:import","entity":"positions","key":"6","kind":"row","seq":59,"ts":"2026-11-27T12:43:38.693324Z","value":{"end_date":null,"id":6,"person_id":47,"post":"委员","start_date":"2021-03-07","village_id":1},"village":1}','ec73a949d152459409c8fffd7bc6dca27cf4babc88fcc5d4d8464c980ba2ba04');
INSERT INTO trail VALUES(60,'2026-11-27T12:43:38.693324Z','cli:import','position.import','positions','7',1,'{"action":"position.import","actor":"cli:import","entity":"positions","key":"7","kind":"row","seq":60,"ts":"2026-11-27T12:43:38.693324Z","value":{"end_date":null,"id":7,"person_id":50,"post":"委员","start_date":"2021-03-07","village_id":1},"village":1}','13ad6062b9abb93e5e921c3c67339963da8a426531c7812906bf4c5efad3c60a');
INSERT INTO trail VALUES(61,'2026-11-27T12:43:38.693324Z','cli:import','position.import','positions','8',1,'{"action":"position.import","actor":"cli:import","entity":"positions","key":"8","kind":"row","seq":61,"ts":"2026-11-27T12:43:38.693324Z","value":{"end_date":null,"id":8,"person_id":24,"post":"监委会主任","start_date":"2021-03-07","village_id":1},"village":1}','fabf2893bab804cb8e47088e8e29bceadf067c63c1f5ee4f6bbbbee259852061');
INSERT INTO trail VALUES(62,'2026-11-27T12:43:38.693324Z','cli:import','position.import','positions','9',1,'{"action":"position.import","actor":"cli:import","entity":"positions","key":"9","kind":"row","seq":62,"ts":"2026-11-27T12:43:38.693324Z","value":{"end_date":null,"id":9,"person_id":42,"post":"监委会委员","start_date":"2021-03-07","village_id":1},"village":1}','f2031b142bcc45455bf6300f945b8925ae1b1082a8e12892dffbe5ec7fc860b4');
INSERT INTO trail VALUES(63,'2026-11-27T12:43:38.693324Z','cli:import','position.import','positions','10',1,'{"action":"position.import","actor":"cli:import","entity":"positions","key":"10","kind":"row","seq":63,"ts":"2026-11-27T12:43:38.693324Z","value":{"end_date":null,"id":10,"person_id":53,"post":"监委会委员","start_date":"2021-03-07","village_id":1},"village":1}','8ea5cdbef95b63149d794d3c822c1ab9047720a0d8474c565ac5337e58c6146e');
INSERT INTO trail VALUES(64,'2026-11-27T12:43:38.703363Z','cli:import','relative.import','relatives','1',1,'{"action":"relative.import","actor":"cli:import","entity":"relatives","key":"1","kind":"row","seq":64,"ts":"2026-11-27T12:43:38.703363Z","value":{"cadre_id":24,"declared_date":"2024-01-12","id":1,"relation":"配偶","relative_id":25,"village_id":1},"village":1}','1b9e7813188e0100dec9e49ebffe96188c5ce10a2b8bc2af49a4005d8c32cd7d');
INSERT INTO trail VALUES(65,'2026-11-27T12:43:38.703363Z','cli:import','relative.import','relatives','2',1,'{"action":"relative.import","actor":"cli:import","entity":"relatives","key":"2","kind":"row","seq":65,"ts":"2026-11-27T12:43:38.703363Z","value":{"cadre_id":24,"declared_date":"2024-02-21","id":2,"relation":"父母","relative_id":49,"village_id":1},"village":1}','131d6f82eecc3c3a3e3cb568cc6588304db7ee84c6d0037975251317464a4b1e');
INSERT INTO trail VALUES(66,'2026-11-27T12:43:38.703363Z','cli:import','relative.import','relatives','3',1,'{"action":"relative.import","actor":"cli:import","entity":"relatives","key":"3","kind":"row","seq":66,"ts":"2026-11-27T12:43:38.703363Z","value":{"cadre_id":24,"declared_date":"2024-02-10","id":3,"relation":"子女","relative_id":26,"village_id":1},"village":1}','ad0c0a0ca68c753899da0f47375b1d087d395c732b7a02e1ebf373d1d7c65363');
INSERT INTO trail VALUES(67,'2026-11-27T12:43:38.703363Z','cli:import','relative.import','relatives','4',1,'{"action":"relative.import","actor":"cli:import","entity":"relatives","key":"4","kind":"row","seq":67,"ts":"2026-11-27T12:43:38.703363Z","value":{"cadre_id":24,"declared_date":"2024-01-14","id":4,"relation":"配偶父母","relative_id":43,"village_id":1},"village":1}','5a28665e07abaee62c0320dfeb59b0f57ec58be77f31bd1b6e726f5be10ce89c');
INSERT INTO trail VALUES(68,'2026-11-27T12:43:38.703363Z','cli:import','relative.import','relatives','5',1,'{"action":"relative.import","actor":"cli:import","entity":"relatives","key":"5","kind":"row","seq":68,"ts":"2026-11-27T12:43:38.703363Z","value":{"cadre_id":24,"declared_date":"2024-01-07","id":5,"relation":"配偶父母","relative_id":44,"village_id":1},"village":1}','f01c78c819748b978783e1550084617b8649573a5160b0c939b8500244feb353');
INSERT INTO trail VALUES(69,'2026-11-27T12:43:38.703363Z','cli:import','relative.import','relatives','6',1,'{"action":"relative.import","actor":"cli:import","entity":"relatives","key":"6","kind":"row","seq":69,"ts":"2026-11-27T12:43:38.703363Z","value":{"cadre_id":29,"declared_date":"2024-01-15","id":6,"relation":"配偶","relative_id":30,"village_id":1},"village":1}','715c4d91abec2a5aaea0b06a6426d0ee2c474c766f3f6bc5f36a585edd816dce');
INSERT INTO trail VALUES(70,'2026-11-27T12:43:38.703363Z','cli:import','relative.import','relatives','7',1,'{"action":"relative.import","actor":"cli:import","entity":"relatives","key":"7","kind":"row","seq":70,"ts":"2026-11-27T12:43:38.703363Z","value":{"cadre_id":29,"declared_date":"2024-01-19","id":7,"relation":"兄弟姐妹","relative_id":52,"village_id":1},"village":1}','92286813795af98ebb49bb2a0a23a3f23018345a738d8d09223b8a6e280dc555');
INSERT INTO trail VALUES(71,'2026-11-27T12:43:38.703363Z','cli:import','relative.import','relatives','8',1,'{"action":"relative.import","actor":"cli:import","entity":"relatives","key":"8","kind":"row","seq":71,"ts":"2026-11-27T12:43:38.703363Z","value":{"cadre_id":34,"declared_date":"2024-02-07","id":8,"relation":"配偶","relative_id":35,"village_id":1},"village":1}','87c6a280747ecec712ca2d2dce4a9a8eec0c4bb7a652d4ca40f64d42d7724828');
INSERT INTO trail VALUES(72,'2026-11-27T12:43:38.703363Z','cli:import','relative.import','relatives','9',1,'{"action":"relative.import","actor":"cli:import","entity":"relatives","key":"9","kind":"row","seq":72,"ts":"2026-11-27T12:43:38.703363Z","value":{"cadre_id":34,"declared_date":"2024-03-01","id":9,"relation":"父母","relative_id":36,"village_id":1},"village":1}','24fdf39aca115ca4f0d6bb86000438ae81587b20b4bc16afe22b5ae50c672e45');
INSERT INTO trail VALUES(73,'2026-11-27T12:43:38.703363Z','cli:import','relative.import','relatives','10',1,'{"action":"relative.import","actor":"cli:import","entity":"relatives","key":"10","kind":"row","seq":73,"ts":"2026-11-27T12:43:38.703363Z","value":{"cadre_id":34,"declared_date":"2024-02-17","id":10,"relation":"子女","relative_id":38,"village_id":1},"village":1}','6038430b107195ef27e5ba54017b8cc59c3cc9ebc3f096f0781b6eafa8b7f930');
INSERT INTO trail VALUES(74,'2026-11-27T12:43:38.705717Z','cli:import','archive.import','archive_events','1',1,'{"action":"archive.import","actor":"cli:import","entity":"archive_events","key":"1","kind":"row","seq":74,"ts":"2026-11-27T12:43:38.705717Z","value":{"date":"2024-01-10","id":1,"kind":"廉政承诺","note":null,"person_id":34,"village_id":1},"village":1}','513f4d91f3e3c0793fbd854fa9c62a8c21dc2218ecd2dcdbb3de85464acd2226');
INSERT INTO trail VALUES(75,'2026-11-27T12:43:38.705717Z','cli:import','archive.import','archive_events','2',1,'{"action":"archive.import","actor":"cli:import","entity":"archive_events","key":"2","kind":"row","seq":75,"ts":"2026-11-27T12:43:38.705717Z","value":{"date":"2024-01-11","id":2,"kind":"廉政承诺","note":null,"person_id":41,"village_id":1},"village":1}','3cec698f608687e46b8197500ed9765161b390644572f840ca0a7e8b63abe3f9');
INSERT INTO trail VALUES(76,'2026-11-27T12:43:38.705717Z','cli:import','archive.import','archive_events','3',1,'{"action":"archive.import","actor":"cli:import","entity":"archive_events","key":"3","kind":"row","seq":76,"ts":"2026-11-27T12:43:38.705717Z","value":{"date":"2024-01-23","id":3,"kind":"廉政承诺","note":null,"person_id":48,"village_id":1},"village":1}','e1703b20c12a65d8e762e80ab0f9842ac5773e5482409dc8fb1b68f94cb57b89');
INSERT INTO trail VALUES(77,'2026-11-27T12:43:38.705717Z','cli:import','archive.import','archive_events','4',1,'{"action":"archive.import","actor":"cli:import","entity":"archive_events","key":"4","kind":"row","seq":77,"ts":"2026-11-27T12:43:38.705717Z","value":{"date":"2024-01-27","id":4,"kind":"谈心谈话","note":"镇党委谈心谈话","person_id":42,"village_id":1},"village":1}','3c109e0f3ad650d2918bd93c0900d6146e6da210a3da30dabb0399490b545fca');
INSERT INTO trail VALUES(78,'2026-11-27T12:43:38.705717Z','cli:import','archive.import','archive_events','5',1,'{"action":"archive.import","actor":"cli:import","entity":"archive_events","key":"5","kind":"row","seq":78,"ts":"2026-11-27T12:43:38.705717Z","value":{"date":"2024-02-08","id":5,"kind":"廉政承诺","note":null,"person_id":47,"village_id":1},"village":1}','04eaae0e8db9c68ff32c824518e71a29cc81ae27b2a2daf242ffed2bc90c4073');
INSERT INTO trail VALUES(79,'2026-11-27T12:43:38.705717Z','cli:import','archive.import','archive_events','6',1,'{"action":"archive.import","actor":"cli:import","entity":"archive_events","key":"6","kind":"row","seq":79,"ts":"2026-11-27T12:43:38.705717Z","value":{"date":"2024-02-15","id":6,"kind":"廉政承诺","note":null,"person_id":29,"village_id":1},"village":1}','854b90c9b1c3dd2a55b7359f3fd51116789a4e612d25432d84747ffa324488d8');
INSERT INTO trail VALUES(80,'2026-11-27T12:43:38.705717Z','cli:import','archive.import','archive_events','7',1,'{"action":"archive.import","actor":"cli:import","entity":"archive_events","key":"7","kind":"row","seq":80,"ts":"2026-11-27T12:43:38.705717Z","value":{"date":"2024-02-18","id":7,"kind":"廉政承诺","note":null,"person_id":53,"village_id":1},"village":1}','63c1e82563f55f72d63f8545c4a5d73b2dbdbb88fa739ed99cdca2791872f9b2');
INSERT INTO trail VALUES(81,'2026-11-27T12:43:38.705717Z','cli:import','archive.import','archive_events','8',1,'{"action":"archive.import","actor":"cli:import","entity":"archive_events","key":"8","kind":"row","seq":81,"ts":"2026-11-27T12:43:38.705717Z","value":{"date":"2024-02-26","id":8,"kind":"谈心谈话","note":"镇纪委谈心谈话","person_id":41,"village_id":1},"village":1}','8afafeeef8014b14c71077168040c97b61588c3ff93b8e16af4f2d038b43648c');
INSERT INTO trail VALUES(82,'2026-11-27T12:43:38.705717Z','cli:import','archive.import','archive_events','9',1,'{"action":"archive.import","actor":"cli:import","entity":"archive_events","key":"9","kind":"row","seq":82,"ts":"2026-11-27T12:43:38.705717Z","value":{"date":"2024-02-28","id":9,"kind":"廉政承诺","note":null,"person_id":24,"village_id":1},"village":1}','def081a0493a46c6fb07d2ecde0272651dedec1d7a260ad6af21524d9dcc8ba3');
INSERT INTO trail VALUES(83,'2026-11-27T12:43:38.705717Z','cli:import','archive.import','archive_events','10',1,'{"action":"archive.import","actor":"cli:import","entity":"archive_events","key":"10","kind":"row","seq":83,"ts":"2026-11-27T12:43:38.705717Z","value":{"date":"2024-03-02","id":10,"kind":"廉政承诺","note":null,"person_id":42,"village_id":1},"village":1}','d3a2fe7453604bc9428ab09d9009eca8c18a365c20121a5810ef26103ae748f0');
INSERT INTO trail VALUES(84,'2026-11-27T12:43:38.711286Z','cli:import','matter.import','matters','1',1,'{"action":"matter.import","actor":"cli:import","entity":"matters","key":"1","kind":"row","seq":84,"ts":"2026-11-27T12:43:38.711286Z","value":{"amount_fen":null,"id":1,"item_id":null,"kind":"重大","matter_no":"2024-001","proposed_date":"2024-02-04","title":"村道硬化工程","village_id":1},"village":1}','54bf255060874ba359024ca913aae880fff3e45694b657ec4ca191023886aaa6');
INSERT INTO trail VALUES(85,'2026-11-27T12:43:38.711286Z','cli:import','matter.import','matters','2',1,'{"action":"matter.import","actor":"cli:import","entity":"matters","key":"2","kind":"row","seq":85,"ts":"2026-11-27T12:43:38.711286Z","value":{"amount_fen":847100,"id":2,"item_id":null,"kind":"一般","matter_no":"2024-002","proposed_date":"2024-03-01","title":"防汛物资采购","village_id":1},"village":1}','229d81dfd53237a941c611e58a4d9f11fbd068c744a61cc5c30e9cf1f4df639c');
INSERT INTO trail VALUES(86,'2026-11-27T12:43:38.711286Z','cli:import','matter.import','matters','3',1,'{"action":"matter.import","actor":"cli:import","entity":"matters","key":"3","kind":"row","seq":86,"ts":"2026-11-27T12:43:38.711286Z","value":{"amount_fen":7537000,"id":3,"item_id":null,"kind":"重大","matter_no":"2024-003","proposed_date":"2024-03-11","title":"村部办公用房维修改造","village_id":1},"village":1}','24f6fa1c4993e3e6acfd0b5b7deb7d014b34316a22da43b15a2d9024c70381ce');
INSERT INTO trail VALUES(87,'2026-11-27T12:43:38.711286Z','cli:import','matter.import','matters','4',1,'{"action":"matter.import","actor":"cli:import","entity":"matters","key":"4","kind":"row","seq":87,"ts":"2026-11-27T12:43:38.711286Z","value":{"amount_fen":30329000,"id":4,"item_id":null,"kind":"重大","matter_no":"2024-004","proposed_date":"2024-04-21","title":"太阳能路灯安装工程","village_id":1},"village":1}','e5b6d50d70e955fe36c04645f0f69d59b6f13613e10a75da6617c3c14766489e');
INSERT INTO trail VALUES(88,'2026-11-27T12:43:38.711286Z','cli:import','matter.import','matters','5',1,'{"action":"matter.import","actor":"cli:import","entity":"matters","key":"5","kind":"row","seq":88,"ts":"2026-11-27T12:43:38.711286Z","value":{"amount_fen":null,"id":5,"item_id":null,"kind":"重大","matter_no":"2025-001","proposed_date":"2025-01-13","title":"购置保洁车辆","village_id":1},"village":1}','bd9b8f35ed710d2ee1852327afb9f6e723128aa16f4ad8fc508bb8a707d20d16');
INSERT INTO trail VALUES(89,'2026-11-27T12:43:38.711286Z','cli:import','matter.import','matters','6',1,'{"action":"matter.import","actor":"cli:import","entity":"matters","key":"6","kind":"row","seq":89,"ts":"2026-11-27T12:43:38.711286Z","value":{"amount_fen":2009750,"id":6,"item_id":null,"kind":"一般","matter_no":"2025-002","proposed_date":"2025-03-15","title":"老年活动室设备添置","village_id":1},"village":1}','86b9a52fe54bb15020b7729c38386bc8cd726fe66cbb693a9daec4a4cb71be72');
INSERT INTO trail VALUES(90,'2026-11-27T12:43:38.715355Z','cli:import','account.seed','book_accounts','1',NULL,'{"action":"account.seed","actor":"cli:import","entity":"book_accounts","key":"1","kind":"row","seq":90,"ts":"2026-11-27T12:43:38.715355Z","value":{"category":"资产","chart":"2024","code":"101","direction":"借","id":1,"name":"库存现金","parent_code":null,"tags":"cash","village_id":null},"village":null}','931bef45192d3ea57e42719ac6673127c70b398df6c2c708c9d9ca58fec4cff2');
INSERT INTO trail VALUES(91,'2026-11-27T12:43:38.715355Z','cli:import','account.seed','book_accounts','2',NULL,'{"action":"account.seed","actor":"cli:import","entity":"book_accounts","key":"2","kind":"row","seq":91,"ts":"2026-11-27T12:43:38.715355Z","value":{"category":"资产","chart":"2024","code":"102","direction":"借","id":2,"name":"银行存款","parent_code":null,"tags":"bank","village_id":null},"village":null}','fe185378334e70a2b4f82292d8263d0a9ce926a822184dbecae144032a417cb0');
INSERT INTO trail VALUES(92,'2026-11-27T12:43:38.715355Z','cli:import','account.seed','book_accounts','3',NULL,'{"action":"account.seed","actor":"cli:import","entity":"book_accounts","key":"3","kind":"row","seq":92,"ts":"2026-11-27T12:43:38.715355Z","value":{"category":"资产","chart":"2024","code":"111","direction":"借","id":3,"name":"短期投资","parent_code":null,"tags":"","village_id":null},"village":null}','77fb7521475cb30329bb0966090ed1ed7894a6a8cdd1163042226dc3e3a93e19');
INSERT INTO trail VALUES(93,'2026-11-27T12:43:38.715355Z','cli:import','account.seed','book_accounts','4',NULL,'{"action":"account.seed","actor":"cli:import","entity":"book_accounts","key":"4","kind":"row","seq":93,"ts":"2026-11-27T12:43:38.715355Z","value":{"category":"资产","chart":"2024","code":"112","direction":"借","id":4,"name":"应收款","parent_code":null,"tags":"receivable","village_id":null},"village":null}','11ed6677e1de3391738a5ba0d419d05bef8b88bae909cd2773ab55eec7395c8f');
INSERT INTO trail VALUES(94,'2026-11-27T12:43:38.715355Z','cli:import','account.seed','book_accounts','5',NULL,'{"action":"account.seed","actor":"cli:import","entity":"book_accounts","key":"5","kind":"row","seq":94,"ts":"2026-11-27T12:43:38.715355Z","value":{"category":"资产","chart":"2024","code":"113","direction":"借","id":5,"name":"内部往来","parent_code":null,"tags":"","village_id":null},"village":null}','ba0861cb26aa083c192f7bdb91b0c3f062ac8c638427065158177fd4d90d1428');
INSERT INTO trail VALUES(95,'2026-11-27T12:43:38.715355Z','cli:import','account.seed','book_accounts','6',NULL,'{"action":"account.seed","actor":"cli:import","entity":"book_accounts","key":"6","kind":"row","seq":95,"ts":"2026-11-27T12:43:38.715355Z","value":{"category":"资产","chart":"2024","code":"121","direction":"借","id":6,"name":"库存物资","parent_code":null,"tags":"","village_id":null},"village":null}','c9be3a287dbdb33dc4ea02c2887d56a9d801bb58c660fdfeb6e3e8ca490542ec');
INSERT INTO trail VALUES(96,'2026-11-27T12:43:38.715355Z','cli:import','account.seed','book_accounts','7',NULL,'{"action":"account.seed","actor":"cli:import","entity":"book_accounts","key":"7","kind":"row","seq":96,"ts":"2026-11-27T12:43:38.715355Z","value":{"category":"资产","chart":"2024","code":"131","direction":"借","id":7,"name":"消耗性生物资产","parent_code":null,"tags":"","village_id":null},"village":null}','2abac4ea272a8f1214824cbb132ca1d545c1ec18c5c705f19cbd02d5740eb6c5');
INSERT INTO trail VALUES(97,'2026-11-27T12:43:38.715355Z','cli:import','account.seed','book_accounts','8',NULL,'{"action":"account.seed","actor":"cli:import","entity":"book_accounts","key":"8","kind":"row","seq":97,"ts":"2026-11-27T12:43:38.715355Z","value":{"category":"资产","chart":"2024","code":"132","direction":"借","id":8,"name":"生产性生物资产","parent_code":null,"tags":"","village_id":null},"village":null}','3c75bf6a9be47adeaf6691418b5692d37d090ebc7e64b126dadb548444e4d9f6');
INSERT INTO trail VALUES(98,'2026-11-27T12:43:38.715355Z','cli:import','account.seed','book_accounts','9',NULL,'{"action":"account.seed","actor":"cli:import","entity":"book_accounts","key":"9","kind":"row","seq":98,"ts":"2026-11-27T12:43:38.715355Z","value":{"category":"资产","chart":"2024","code":"133","direction":"贷","id":9,"name":"生产性生物资产累计折旧","parent_code":null,"tags":"","village_id":null},"village":null}','97c6925bd252c695ee1ec1a6721e0a0d42128ab4d0bde5360c2d1ec7fefcc027');
INSERT INTO trail VALUES(99,'2026-11-27T12:43:38.715355Z','cli:import','account.seed','book_accounts','10',NULL,'{"action":"account.seed","actor":"cli:import","entity":"book_accounts","key":"10","kind":"row","seq":99,"ts":"2026-11-27T12:43:38.715355Z","value":{"category":"资产","chart":"2024","code":"134","direction":"借","id":10,"name":"公益性生物资产","parent_code":null,"tags":"","village_id":null},"village":null}','d6913cde1bd1f0f0d780eb20ad99204c8379b3d99761b2227fca5a8f2f8a3e14');
INSERT INTO trail VALUES(100,'2026-11-27T12:43:38.715355Z','cli:import','account.seed','book_accounts','11',NULL,'{"action":"account.seed","actor":"cli:import","entity":"book_accounts","key":"11","kind":"row","seq":100,"ts":"2026-11-27T12:43:38.715355Z","value":{"category":"资产","chart":"2024","code":"141","direction":"借","id":11,"name":"长期投资","parent_code":null,"tags":"","village_id":null},"village":null}','c8c0a3306f03592a24156629be114148cc24365e0f6e69912f12673522a2266f');
INSERT INTO trail VALUES(101,'2026-11-27T12:43:38.715355Z','cli:import','account.seed','book_accounts','12',NULL,'{"action":"account.seed","actor":"cli:import","entity":"book_accounts","key":"12","kind":"row","seq":101,"ts":"2026-11-27T12:43:38.715355Z","value":{"category":"资产","chart":"2024","code":"151","direction":"借","id":12,"name":"固定资产","parent_code":null,"tags":"","village_id":null},"village":null}','b3b846f71863585aacaaf4b2be517af9eb186179b08ca48108cc3d7ee36fe9de');
INSERT INTO trail VALUES(102,'2026-11-27T12:43:38.715355Z','cli:import','account.seed','book_accounts','13',NULL,'{"action":"account.seed","actor":"cli:import","entity":"book_accounts","key":"13","kind":"row","seq":102,"ts":"2026-11-27T12:43:38.715355Z","value":{"category":"资产","chart":"2024","code":"152","direction":"贷","id":13,"name":"累计折旧","parent_code":null,"tags":"","village_id":null},"village":null}','716ffbebc3660790e57e59a97929997cb2d33818298f0a96a6a47d2f9b65a95d');
INSERT INTO trail VALUES(103,'2026-11-27T12:43:38.715355Z','cli:import','account.seed','book_accounts','14',NULL,'{"action":"account.seed","actor":"cli:import","entity":"book_accounts","key":"14","kind":"row","seq":103,"ts":"2026-11-27T12:43:38.715355Z","value":{"category":"资产","chart":"2024","code":"153","direction":"借","id":14,"name":"在建工程","parent_code":null,"tags":"","village_id":null},"village":null}','37a4deba774d3f191b9e81d01d47dd0d265ea7639170329e14104ca49bf2d9ee');
INSERT INTO trail VALUES(104,'2026-11-27T12:43:38.715355Z','cli:import','account.seed','book_accounts','15',NULL,'{"action":"account.seed","actor":"cli:import","entity":"book_accounts","key":"15","kind":"row","seq":104,"ts":"2026-11-27T12:43:38.715355Z","value":{"category":"资产","chart":"2024","code":"154","direction":"借","id":15,"name":"固定资产清理","parent_code":null,"tags":"","village_id":null},"village":null}','2ed7f099c8902c9af603f5268037ff5d4aa1f97c59c5b4b0e4777fcea1352be6');
INSERT INTO trail VALUES(105,'2026-11-27T12:43:38.715355Z','cli:import','account.seed','book_accounts','16',NULL,'{"action":"account.seed","actor":"cli:import","entity":"book_accounts","key":"16","kind":"row","seq":105,"ts":"2026-11-27T12:43:38.715355Z","value":{"category":"资产","chart":"2024","code":"161","direction":"借","id":16,"name":"无形资产","parent_code":null,"tags":"","village_id":null},"village":null}','e15b9d187411438d2c39ffeba18363818cc8c0e7e20a48884b0a47172acd4c20');
INSERT INTO trail VALUES(106,'2026-11-27T12:43:38.715355Z','cli:import','account.seed','book_accounts','17',NULL,'{"action":"account.seed","actor":"cli:import","entity":"book_accounts","key":"17","kind":"row","seq":106,"ts":"2026-11-27T12:43:38.715355Z","value":{"category":"资产","chart":"2024","code":"162","direction":"贷","id":17,"name":"累计摊销","parent_code":null,"tags":"","village_id":null},"village":null}','52ef2e66375cd510ae8408365204e750213a80be652a49f4a75501ddaa7446b6');
INSERT INTO trail VALUES(107,'2026-11-27T12:43:38.715355Z','cli:import','account.seed','book_accounts','18',NULL,'{"action":"account.seed","actor":"cli:import","entity":"book_accounts","key":"18","kind":"row","seq":107,"ts":"2026-11-27T12:43:38.715355Z","value":{"category":"资产","chart":"2024","code":"171","direction":"借","id":18,"name":"长期待摊费用","parent_code":null,"tags":"","village_id":null},"village":null}','d6e1c5bff28342023f27c74bd2142bd02789b435624ef6fff9504976724c4007');
INSERT INTO trail VALUES(108,'2026-11-27T12:43:38.715355Z','cli:import','account.seed','book_accounts','19',NULL,'{"action":"account.seed","actor":"cli:import","entity":"book_accounts","key":"19","kind":"row","seq":108,"ts":"2026-11-27T12:43:38.715355Z","value":{"category":"资产","chart":"2024","code":"181","direction":"借","id":19,"name":"待处理财产损溢","parent_code":null,"tags":"","village_id":null},"village":null}','01f3c6735e2487a574b9bb1e1a1611cd180a9160cc916aee587ff4a22194a949');
INSERT INTO trail VALUES(109,'2026-11-27T12:43:38.715355Z','cli:import','account.seed','book_accounts','20',NULL,'{"action":"account.seed","actor":"cli:import","entity":"book_accounts","key":"20","kind":"row","seq":109,"ts":"2026-11-27T12:43:38.715355Z","value":{"category":"负债","chart":"2024","code":"201","direction":"贷","id":20,"name":"短期借款","parent_code":null,"tags":"","village_id":null},"village":null}','e577235e39e272467f9cf456bf8e1f0a3d8ed6213461ca3fc73def13a16db9a0');
INSERT INTO trail VALUES(110,'2026-11-27T12:43:38.715355Z','cli:import','account.seed','book_accounts','21',NULL,'{"action":"account.seed","actor":"cli:import","entity":"book_accounts","key":"21","kind":"row","seq":110,"ts":"2026-11-27T12:43:38.715355Z","value":{"category":"负债","chart":"2024","code":"211","direction":"贷","id":21,"name":"应付款","parent_code":null,"tags":"","village_id":null},"village":null}','014482261952d28b0194e0ec365b309093edd495963d521a2a216ed17898af25');
INSERT INTO trail VALUES(111,'2026-11-27T12:43:38.715355Z','cli:import','account.seed','book_accounts','22',NULL,'{"action":"account.seed","actor":"cli:import","entity":"book_accounts","key":"22","kind":"row","seq":111,"ts":"2026-11-27T12:43:38.715355Z","value":{"category":"负债","chart":"2024","code":"212","direction":"贷","id":22,"name":"应付工资","parent_code":null,"tags":"payroll","village_id":null},"village":null}','24986acbf6f4f80523b486a0f6ad5ef41edb9c2eb504be061aceb591023ba39e');
INSERT INTO trail VALUES(112,'2026-11-27T12:43:38.715355Z','cli:import','account.seed','book_accounts','23',NULL,'{"action":"account.seed","actor":"cli:import","entity":"book_accounts","key":"23","kind":"row","seq":112,"ts":"2026-11-27T12:43:38.715355Z","value":{"category":"负债","chart":"2024","code":"213","direction":"贷","id":23,"name":"应付劳务费","parent_code":null,"tags":"payroll","village_id":null},"village":null}','e388ef878b2da7d48e29c666235656dfad49d16d08447a8d3fd260e0e616635a');
INSERT INTO trail VALUES(113,'2026-11-27T12:43:38.715355Z','cli:import','account.seed','book_accounts','24',NULL,'{"action":"account.seed","actor":"cli:import","entity":"book_accounts","key":"24","kind":"row","seq":113,"ts":"2026-11-27T12:43:38.715355Z","value":{"category":"负债","chart":"2024","code":"214","direction":"贷","id":24,"name":"应交税费","parent_code":null,"tags":"","village_id":null},"village":null}','116db73043769300115db03d5309ce56d887efda9323f9cccf0ed4cc8b6faf9f');
INSERT INTO trail VALUES(114,'2026-11-27T12:43:38.715355Z','cli:import','account.seed','book_accounts','25',NULL,'{"action":"account.seed","actor":"cli:import","entity":"book_accounts","key":"25","kind":"row","seq":114,"ts":"2026-11-27T12:43:38.715355Z","value":{"category":"负债","chart":"2024","code":"221","direction":"贷","id":25,"name":"长期借款及应付款","parent_code":null,"tags":"","village_id":null},"village":null}','1a04b9c139f0a5e39f6f2b85168398d2cccd773898420b75ee894bd2b3e02cda');
INSERT INTO trail VALUES(115,'2026-11-27T12:43:38.715355Z','cli:import','account.seed','book_accounts','26',NULL,'{"action":"account.seed","actor":"cli:import","entity":"book_accounts","key":"26","kind":"row","seq":115,"ts":"2026-11-27T12:43:38.715355Z","value":{"category":"负债","chart":"2024","code":"231","direction":"贷","id":26,"name":"一事一议资金","parent_code":null,"tags":"","village_id":null},"village":null}','3ded15c06a404ffd102036e97c85adba549ab796ff261fa2f07779c99564fd25');
INSERT INTO trail VALUES(116,'2026-11-27T12:43:38.715355Z','cli:import','account.seed','book_accounts','27',NULL,'{"action":"account.seed","actor":"cli:import","entity":"book_accounts","key":"27","kind":"row","seq":116,"ts":"2026-11-27T12:43:38.715355Z","value":{"category":"负债","chart":"2024","code":"241","direction":"贷","id":27,"name":"专项应付款","parent_code":null,"tags":"","village_id":null},"village":null}','da898c282933d89288616311ec02005317c9fe31c43b930b6fd0dc61e3c2189d');
INSERT INTO trail VALUES(117,'2026-11-27T12:43:38.715355Z','cli:import','account.seed','book_accounts','28',NULL,'{"action":"account.seed","actor":"cli:import","entity":"book_accounts","key":"28","kind":"row","seq":117,"ts":"2026-11-27T12:43:38.715355Z","value":{"category":"权益","chart":"2024","code":"301","direction":"贷","id":28,"name":"资本","parent_code":null,"tags":"","village_id":null},"village":null}','66eb005dde116cb5047ce4f1d75387ebba19947a8bd27307f7e22f9cb4e34984');
INSERT INTO trail VALUES(118,'2026-11-27T12:43:38.715355Z','cli:import','account.seed','book_accounts','29',NULL,'{"action":"account.seed","actor":"cli:import","entity":"book_accounts","key":"29","kind":"row","seq":118,"ts":"2026-11-27T12:43:38.715355Z","value":{"category":"权益","chart":"2024","code":"311","direction":"贷","id":29,"name":"公积公益金","parent_code":null,"tags":"","village_id":null},"village":null}','63f725e76a47d92430cff1854f0b79718f303225dca6edfa50c9582dd275f786');
INSERT INTO trail VALUES(119,'2026-11-27T12:43:38.715355Z','cli:import','account.seed','book_accounts','30',NULL,'{"action":"account.seed","actor":"cli:import","entity":"book_accounts","key":"30","kind":"row","seq":119,"ts":"2026-11-27T12:43:38.715355Z","value":{"category":"权益","chart":"2024","code":"321","direction":"贷","id":30,"name":"本年收益","parent_code":null,"tags":"","village_id":null},"village":null}','0c7935f3f671acde46c8c67692743e0ff34e331c2a394cc1ab05b1dda013c2c8');
INSERT INTO trail VALUES(120,'2026-11-27T12:43:38.715355Z','cli:import','account.seed','book_accounts','31',NULL,'{"action":"account.seed","actor":"cli:import","entity":"book_accounts","key":"31","kind":"row","seq":120,"ts":"2026-11-27T12:43:38.715355Z","value":{"category":"权益","chart":"2024","code":"322","direction":"贷","id":31,"name":"收益分配","parent_code":null,"tags":"","village_id":null},"village":null}','5bf523bc4ee271e6a53e257836bb7788396f086ef51ec893bdad10eb66d7334c');
INSERT INTO trail VALUES(121,'2026-11-27T12:43:38.715355Z','cli:import','account.seed','book_accounts','32',NULL,'{"action":"account.seed","actor":"cli:import","entity":"book_accounts","key":"32","kind":"row","seq":121,"ts":"2026-11-27T12:43:38.715355Z","value":{"category":"成本","chart":"2024","code":"401","direction":"借","id":32,"name":"生产(劳务)成本","parent_code":null,"tags":"","village_id":null},"village":null}','f8dc3433bd0ee3a9ea21d4243c5c5f79ec16bb9b75046726dbe904f0c4f778a4');
INSERT INTO trail VALUES(122,'2026-11-27T12:43:38.715355Z','cli:import','account.seed','book_accounts','33',NULL,'{"action":"account.seed","actor":"cli:import","entity":"book_accounts","key":"33","kind":"row","seq":122,"ts":"2026-11-27T12:43:38.715355Z","value":{"category":"损益","chart":"2024","code":"501","direction":"贷","id":33,"name":"经营收入","parent_code":null,"tags":"income","village_id":null},"village":null}','bd58d9db6d9deb76070e5a35eaaa90331e007abf452ccc073ff04b5e2f0953fc');
INSERT INTO trail VALUES(123,'2026-11-27T12:43:38.715355Z','cli:import','account.seed','book_accounts','34',NULL,'{"action":"account.seed","actor":"cli:import","entity":"book_accounts","key":"34","kind":"row","seq":123,"ts":"2026-11-27T12:43:38.715355Z","value":{"category":"损益","chart":"2024","code":"502","direction":"贷","id":34,"name":"投资收益","parent_code":null,"tags":"income","village_id":null},"village":null}','f74ecaa9badb6b47ba20a02f4538d5e133bbe7cd2183223d3c9aa873505fe651');
INSERT INTO trail VALUES(124,'2026-11-27T12:43:38.715355Z','cli:import','account.seed','book_accounts','35',NULL,'{"action":"account.seed","actor":"cli:import","entity":"book_accounts","key":"35","kind":"row","seq":124,"ts":"2026-11-27T12:43:38.715355Z","value":{"category":"损益","chart":"2024","code":"503","direction":"贷","id":35,"name":"补助收入","parent_code":null,"tags":"income","village_id":null},"village":null}','3499c68f5cf40cb69a2717b3f8b3a6b3d1ee67a94de1c5d53d58e25f52675084');
INSERT INTO trail VALUES(125,'2026-11-27T12:43:38.715355Z','cli:import','account.seed','book_accounts','36',NULL,'{"action":"account.seed","actor":"cli:import","entity":"book_accounts","key":"36","kind":"row","seq":125,"ts":"2026-11-27T12:43:38.715355Z","value":{"category":"损益","chart":"2024","code":"504","direction":"贷","id":36,"name":"其他收入","parent_code":null,"tags":"income","village_id":null},"village":null}','e53762e3cced8c290abb8415c4838ddb8141d86a5b0e8cca85685d52bd2add86');
INSERT INTO trail VALUES(126,'2026-11-27T12:43:38.715355Z','cli:import','account.seed','book_accounts','37',NULL,'{"action":"account.seed","actor":"cli:import","entity":"book_accounts","key":"37","kind":"row","seq":126,"ts":"2026-11-27T12:43:38.715355Z","value":{"category":"损益","chart":"2024","code":"511","direction":"借","id":37,"name":"经营支出","parent_code":null,"tags":"expense","village_id":null},"village":null}','44ee8e5f7e5a1f07c8e49d37085ac77b48e9dfb0cd0ed5617a8a7264f26bf433');
INSERT INTO trail VALUES(127,'2026-11-27T12:43:38.715355Z','cli:import','account.seed','book_accounts','38',NULL,'{"action":"account.seed","actor":"cli:import","entity":"book_accounts","key":"38","kind":"row","seq":127,"ts":"2026-11-27T12:43:38.715355Z","value":{"category":"损益","chart":"2024","code":"512","direction":"借","id":38,"name":"税金及附加","parent_code":null,"tags":"expense","village_id":null},"village":null}','4f3b1240cfec602caed38f950cf4198e8b7d711178eab2ab8056f3146aa8ee09');
INSERT INTO trail VALUES(128,'2026-11-27T12:43:38.715355Z','cli:import','account.seed','book_accounts','39',NULL,'{"action":"account.seed","actor":"cli:import","entity":"book_accounts","key":"39","kind":"row","seq":128,"ts":"2026-11-27T12:43:38.715355Z","value":{"category":"损益","chart":"2024","code":"513","direction":"借","id":39,"name":"管理费用","parent_code":null,"tags":"expense","village_id":null},"village":null}','b72e84eceadb84756dcd50df60d1fa031849eab8498f2ea5b54b3247ba1422a2');
INSERT INTO trail VALUES(129,'2026-11-27T12:43:38.715355Z','cli:import','account.seed','book_accounts','40',NULL,'{"action":"account.seed","actor":"cli:import","entity":"book_accounts","key":"40","kind":"row","seq":129,"ts":"2026-11-27T12:43:38.715355Z","value":{"category":"损益","chart":"2024","code":"51301","direction":"借","id":40,"name":"管理人员报酬","parent_code":"513","tags":"expense","village_id":null},"village":null}','ea7f3c5e1a5416fd2ae68c963af98d42589c0ed007c74cb20072ba77353a552b');
INSERT INTO trail VALUES(130,'2026-11-27T12:43:38.715355Z','cli:import','account.seed','book_accounts','41',NULL,'{"action":"account.seed","actor":"cli:import","entity":"book_accounts","key":"41","kind":"row","seq":130,"ts":"2026-11-27T12:43:38.715355Z","value":{"category":"损益","chart":"2024","code":"51302","direction":"借","id":41,"name":"办公费","parent_code":"513","tags":"expense","village_id":null},"village":null}','48b3a606c06ea71ad48b055cd80d049fe466f245b44ea2b8be789a317ef695ae');
INSERT INTO trail VALUES(131,'2026-11-27T12:43:38.715355Z','cli:import','account.seed','book_accounts','42',NULL,'{"action":"account.seed","actor":"cli:import","entity":"book_accounts","key":"42","kind":"row","seq":131,"ts":"2026-11-27T12:43:38.715355Z","value":{"category":"损益","chart":"2024","code":"51303","direction":"借","id":42,"name":"差旅费","parent_code":"513","tags":"expense nonproductive","village_id":null},"village":null}','8e67800ee99e6ab598fa8a2ebc8ba31fdbe2973fdd2253aa2d70bce32247ab59');
INSERT INTO trail VALUES(132,'2026-11-27T12:43:38.715355Z','cli:import','account.seed','book_accounts','43',NULL,'{"action":"account.seed","actor":"cli:import","entity":"book_accounts","key":"43","kind":"row","seq":132,"ts":"2026-11-27T12:43:38.715355Z","value":{"category":"损益","chart":"2024","code":"51304","direction":"借","id":43,"name":"招待费","parent_code":"513","tags":"expense nonproductive","village_id":null},"village":null}','cd187f36d5d9edae727bbdb2dc9de15aca67e69e5b03d84348c520f9a911ada7');
INSERT INTO trail VALUES(133,'2026-11-27T12:43:38.715355Z','cli:import','account.seed','book_accounts','44',NULL,'{"action":"account.seed","actor":"cli:import","entity":"book_accounts","key":"44","kind":"row","seq":133,"ts":"2026-11-27T12:43:38.715355Z","value":{"category":"损益","chart":"2024","code":"51305","direction":"借","id":44,"name":"会议费","parent_code":"513","tags":"expense nonproductive","village_id":null},"village":null}','9697ed673d4f51dcd843d6397c3c7c7ebd49e0d7bbcd403c023c544846019927');
INSERT INTO trail VALUES(134,'2026-11-27T12:43:38.715355Z','cli:import','account.seed','book_accounts','45',NULL,'{"action":"account.seed","actor":"cli:import","entity":"book_accounts","key":"45","kind":"row","seq":134,"ts":"2026-11-27T12:43:38.715355Z","value":{"category":"损益","chart":"2024","code":"51306","direction":"借","id":45,"name":"车辆费用","parent_code":"513","tags":"expense nonproductive","village_id":null},"village":null}','c64c81479e7781f61ffa4a6398f5160813dbfb99433a60c50c94598447c6c23d');
INSERT INTO trail VALUES(135,'2026-11-27T12:43:38.715355Z','cli:import','account.seed','book_accounts','46',NULL,'{"action":"account.seed","actor":"cli:import","entity":"book_accounts","key":"46","kind":"row","seq":135,"ts":"2026-11-27T12:43:38.715355Z","value":{"category":"损益","chart":"2024","code":"51307","direction":"借","id":46,"name":"通讯费","parent_code":"513","tags":"expense nonproductive","village_id":null},"village":null}','b56b9074735d0f49e6dd51968bba55d0adcc78860eeb0be3f82aac813cec9bc2');
INSERT INTO trail VALUES(136,'2026-11-27T12:43:38.715355Z','cli:import','account.seed','book_accounts','47',NULL,'{"action":"account.seed","actor":"cli:import","entity":"book_accounts","key":"47","kind":"row","seq":136,"ts":"2026-11-27T12:43:38.715355Z","value":{"category":"损益","chart":"2024","code":"51308","direction":"借","id":47,"name":"报刊费","parent_code":"513","tags":"expense nonproductive","village_id":null},"village":null}','d13c4e97504ccff345cb2e1da74c78df0102087b5a30c0624d4cb956bb9aab38');
INSERT INTO trail VALUES(137,'2026-11-27T12:43:38.715355Z','cli:import','account.seed','book_accounts','48',NULL,'{"action":"account.seed","actor":"cli:import","entity":"book_accounts","key":"48","kind":"row","seq":137,"ts":"2026-11-27T12:43:38.715355Z","value":{"category":"损益","chart":"2024","code":"51309","direction":"借","id":48,"name":"水电费","parent_code":"513","tags":"expense","village_id":null},"village":null}','98193b43249137d79949a935ea9e1a32dc09179371da4a66b9bd2586ea8094be');
INSERT INTO trail VALUES(138,'2026-11-27T12:43:38.715355Z','cli:import','account.seed','book_accounts','49',NULL,'{"action":"account.seed","actor":"cli:import","entity":"book_accounts","key":"49","kind":"row","seq":138,"ts":"2026-11-27T12:43:38.715355Z","value":{"category":"损益","chart":"2024","code":"51310","direction":"借","id":49,"name":"修理费","parent_code":"513","tags":"expense","village_id":null},"village":null}','98c875b85184de8c873ab430381fbd681b7eda692ccaad7bb5565f2e9984bf51');
INSERT INTO trail VALUES(139,'2026-11-27T12:43:38.715355Z','cli:import','account.seed','book_accounts','50',NULL,'{"action":"account.seed","actor":"cli:import","entity":"book_accounts","key":"50","kind":"row","seq":139,"ts":"2026-11-27T12:43:38.715355Z","value":{"category":"损益","chart":"2024","code":"51311","direction":"借","id":50,"name":"折旧及摊销","parent_code":"513","tags":"expense","village_id":null},"village":null}','cc671f4619c75312495fe06284e3013922d8ceeec1ceaaef0bcb6b68a7ec6983');
INSERT INTO trail VALUES(140,'2026-11-27T12:43:38.715355Z','cli:import','account.seed','book_accounts','51',NULL,'{"action":"account.seed","actor":"cli:import","entity":"book_accounts","key":"51","kind":"row","seq":140,"ts":"2026-11-27T12:43:38.715355Z","value":{"category":"损益","chart":"2024","code":"51399","direction":"借","id":51,"name":"其他管理费用","parent_code":"513","tags":"expense","village_id":null},"village":null}','96ee932cb997138a368d7daf4a88743d1793b76ba718b4880df55dd0509dd3aa');
INSERT INTO trail VALUES(141,'2026-11-27T12:43:38.715355Z','cli:import','account.seed','book_accounts','52',NULL,'{"action":"account.seed","actor":"cli:import","entity":"book_accounts","key":"52","kind":"row","seq":141,"ts":"2026-11-27T12:43:38.715355Z","value":{"category":"损益","chart":"2024","code":"514","direction":"借","id":52,"name":"公益支出","parent_code":null,"tags":"expense","village_id":null},"village":null}','59578ba98101c3646beab3dd0b5ccd0d764e91c4c755cc167d2a43e5baed18ed');
INSERT INTO trail VALUES(142,'2026-11-27T12:43:38.715355Z','cli:import','account.seed','book_accounts','53',NULL,'{"action":"account.seed","actor":"cli:import","entity":"book_accounts","key":"53","kind":"row","seq":142,"ts":"2026-11-27T12:43:38.715355Z","value":{"category":"损益","chart":"2024","code":"515","direction":"借","id":53,"name":"其他支出","parent_code":null,"tags":"expense","village_id":null},"village":null}','9f4470d0fc2cfcef9d8d2b7f2bd7b8dcd71f232dffeb987c1ca87f2797a6ab7a');
INSERT INTO trail VALUES(143,'2026-11-27T12:43:38.715355Z','cli:import','account.seed','book_accounts','54',NULL,'{"action":"account.seed","actor":"cli:import","entity":"book_accounts","key":"54","kind":"row","seq":143,"ts":"2026-11-27T12:43:38.715355Z","value":{"category":"损益","chart":"2024","code":"521","direction":"借","id":54,"name":"所得税费用","parent_code":null,"tags":"expense","village_id":null},"village":null}','dcb6b86d541a02162318be13cb11c1b51316c5e7412200c1b6b7ea3b8c774369');
INSERT INTO trail VALUES(144,'2026-11-27T12:43:38.715355Z','cli:import','account.import','book_accounts','55',1,'{"action":"account.import","actor":"cli:import","entity":"book_accounts","key":"55","kind":"row","seq":144,"ts":"2026-11-27T12:43:38.715355Z","value":{"category":"资产","chart":"2024","code":"10201","direction":"借","id":55,"name":"农商银行基本户","parent_code":"102","tags":"bank","village_id":1},"village":1}','96c87a9db75c04b9385cb008d7f757fb0012e1ada26b59a8897644c182de2d44');
INSERT INTO trail VALUES(145,'2026-11-27T12:43:38.715355Z','cli:import','account.import','book_accounts','56',1,'{"action":"account.import","actor":"cli:import","entity":"book_accounts","key":"56","kind":"row","seq":145,"ts":"2026-11-27T12:43:38.715355Z","value":{"category":"损益","chart":"2024","code":"50101","direction":"贷","id":56,"name":"资源发包收入","parent_code":"501","tags":"income","village_id":1},"village":1}','92826820449d816c7c841ff8c9fa380ed24063870d9d173abebcbc78d6f044cb');
INSERT INTO trail VALUES(146,'2026-11-27T12:43:38.715355Z','cli:import','account.import','book_accounts','57',1,'{"action":"account.import","actor":"cli:import","entity":"book_accounts","key":"57","kind":"row","seq":146,"ts":"2026-11-27T12:43:38.715355Z","value":{"category":"损益","chart":"2024","code":"50102","direction":"贷","id":57,"name":"资产租赁收入","parent_code":"501","tags":"income","village_id":1},"village":1}','401885a89acd78e94fed2f0af045644cbbe8861ac85be3b9a9fee17fc1ef1812');
INSERT INTO trail VALUES(147,'2026-11-27T12:43:38.731238Z','cli:import','asset.import','assets','1',1,'{"action":"asset.import","actor":"cli:import","entity":"assets","key":"1","kind":"row","seq":147,"ts":"2026-11-27T12:43:38.731238Z","value":{"acquired_date":"2015-11-07","asset_no":"ZC-001","category":"房屋及建筑物","disposed_date":null,"id":1,"location":"村部","name":"村部办公楼","original_value_fen":119718600,"salvage_fen":0,"status":"在用","useful_life_months":240,"village_id":1},"village":1}','7116500ed5a05dde0728d1a99148ceb6d3b7fd104230a37a321d1a7371cc8548');
INSERT INTO trail VALUES(148,'2026-11-27T12:43:38.731238Z','cli:import','asset.import','assets','2',1,'{"action":"asset.import","actor":"cli:import","entity":"assets","key":"2","kind":"row","seq":148,"ts":"2026-11-27T12:43:38.731238Z","value":{"acquired_date":"2007-09-23","asset_no":"ZC-002","category":"房屋及建筑物","disposed_date":null,"id":2,"location":"村部","name":"集体厂房","original_value_fen":43791000,"salvage_fen":0,"status":"出租","useful_life_months":240,"village_id":1},"village":1}','e7e2e63aeb661fbfd1618ca4bbf4a3c42b64ea165f99e7fe76ab14c8bc85fcf3');
INSERT INTO trail VALUES(149,'2026-11-27T12:43:38.731238Z','cli:import','asset.import','assets','3',1,'{"action":"asset.import","actor":"cli:import","entity":"assets","key":"3","kind":"row","seq":149,"ts":"2026-11-27T12:43:38.731238Z","value":{"acquired_date":"2025-03-07","asset_no":"ZC-003","category":"车辆","disposed_date":null,"id":3,"location":"村部","name":"保洁车","original_value_fen":12047100,"salvage_fen":0,"status":"在用","useful_life_months":48,"village_id":1},"village":1}','fccb2962230f9f0097e19cf4f6ab97a42d741bc23f589074fa24c9abac2c6875');
INSERT INTO trail VALUES(150,'2026-11-27T12:43:38.731238Z','cli:import','asset.import','assets','4',1,'{"action":"asset.import","actor":"cli:import","entity":"assets","key":"4","kind":"row","seq":150,"ts":"2026-11-27T12:43:38.731238Z","value":{"acquired_date":"2015-05-10","asset_no":"ZC-004","category":"电子设备","disposed_date":null,"id":4,"location":"村部","name":"办公电脑","original_value_fen":773100,"salvage_fen":0,"status":"在用","useful_life_months":36,"village_id":1},"village":1}','ec5df1d2c150440e74668c50d9874c4a89f1e188399888023eff8781336c4afe');
INSERT INTO trail VALUES(151,'2026-11-27T12:43:38.731238Z','cli:import','asset.import','assets','5',1,'{"action":"asset.import","actor":"cli:import","entity":"assets","key":"5","kind":"row","seq":151,"ts":"2026-11-27T12:43:38.731238Z","value":{"acquired_date":"2023-08-24","asset_no":"ZC-005","category":"机器设备","disposed_date":null,"id":5,"location":"村部","name":"小型农机","original_value_fen":4121300,"salvage_fen":0,"status":"在用","useful_life_months":120,"village_id":1},"village":1}','8d41168743289a4a4882e31f15475f1663c0f4d92179e615883b13d7ae8bde1b');
INSERT INTO trail VALUES(152,'2026-11-27T12:43:38.732486Z','cli:import','resource.import','resources','1',1,'{"action":"resource.import","actor":"cli:import","entity":"resources","key":"1","kind":"row","seq":152,"ts":"2026-11-27T12:43:38.732486Z","value":{"area_mu_x100":129130,"id":1,"kind":"耕地","location":"十组承包地","name":"十组承包地","resource_no":"ZY-001","village_id":1},"village":1}','8e2d1773c9befb8c68447e87cd27185a4d4c108a6508e3cca368cdcd9497b8e8');
INSERT INTO trail VALUES(153,'2026-11-27T12:43:38.732486Z','cli:import','resource.import','resources','2',1,'{"action":"resource.import","actor":"cli:import","entity":"resources","key":"2","kind":"row","seq":153,"ts":"2026-11-27T12:43:38.732486Z","value":{"area_mu_x100":91580,"id":2,"kind":"耕地","location":"三组承包地","name":"三组承包地","resource_no":"ZY-002","village_id":1},"village":1}','c15e450e87bde7e09b3e8e1b099920dfd18470389e39f8b73027551724846843');
INSERT INTO trail VALUES(154,'2026-11-27T12:43:38.732486Z','cli:import','resource.import','resources','3',1,'{"action":"resource.import","actor":"cli:import","entity":"resources","key":"3","kind":"row","seq":154,"ts":"2026-11-27T12:43:38.732486Z","value":{"area_mu_x100":177310,"id":3,"kind":"耕地","location":"二组承包地","name":"二组承包地","resource_no":"ZY-003","village_id":1},"village":1}','8f05f6715f61c87f898aa1964e0fa2266aef163fb799ab583576a9983b768b60');
INSERT INTO trail VALUES(155,'2026-11-27T12:43:38.732486Z','cli:import','resource.import','resources','4',1,'{"action":"resource.import","actor":"cli:import","entity":"resources","key":"4","kind":"row","seq":155,"ts":"2026-11-27T12:43:38.732486Z","value":{"area_mu_x100":227290,"id":4,"kind":"耕地","location":"四组承包地","name":"四组承包地","resource_no":"ZY-004","village_id":1},"village":1}','13591bb13d207593befe00089e826830ac4aaa7c7f8817c6f35ac6a0332abede');
INSERT INTO trail VALUES(156,'2026-11-27T12:43:38.732486Z','cli:import','resource.import','resources','5',1,'{"action":"resource.import","actor":"cli:import","entity":"resources","key":"5","kind":"row","seq":156,"ts":"2026-11-27T12:43:38.732486Z","value":{"area_mu_x100":161290,"id":5,"kind":"耕地","location":"一组承包地","name":"一组承包地","resource_no":"ZY-005","village_id":1},"village":1}','ad0399f4b176054fda193a84f14186ec14ec9e08ef1cef4c0c31827b589536b7');
INSERT INTO trail VALUES(157,'2026-11-27T12:43:38.732486Z','cli:import','resource.import','resources','6',1,'{"action":"resource.import","actor":"cli:import","entity":"resources","key":"6","kind":"row","seq":157,"ts":"2026-11-27T12:43:38.732486Z","value":{"area_mu_x100":32620,"id":6,"kind":"耕地","location":"八组承包地","name":"八组承包地","resource_no":"ZY-006","village_id":1},"village":1}','dcd139532dc6317bf00ccb32190c09c473dfa9a47b348aad42e00c85212a29c1');
INSERT INTO trail VALUES(158,'2026-11-27T12:43:38.732486Z','cli:import','resource.import','resources','7',1,'{"action":"resource.import","actor":"cli:import","entity":"resources","key":"7","kind":"row","seq":158,"ts":"2026-11-27T12:43:38.732486Z","value":{"area_mu_x100":105520,"id":7,"kind":"林地","location":"五组林地","name":"五组林地","resource_no":"ZY-007","village_id":1},"village":1}','aa526f86ef16a187db69a1a41aa14e90bf0eb2e15ba34f1d6f1f9f8e8408de44');
INSERT INTO trail VALUES(159,'2026-11-27T12:43:38.732486Z','cli:import','resource.import','resources','8',1,'{"action":"resource.import","actor":"cli:import","entity":"resources","key":"8","kind":"row","seq":159,"ts":"2026-11-27T12:43:38.732486Z","value":{"area_mu_x100":18550,"id":8,"kind":"园地","location":"八组果园","name":"八组果园","resource_no":"ZY-008","village_id":1},"village":1}','b515068c902b303ae547253ffbd5c6f3e0025bc56ea2a89888a5abb00f52e201');
INSERT INTO trail VALUES(160,'2026-11-27T12:43:38.732486Z','cli:import','resource.import','resources','9',1,'{"action":"resource.import","actor":"cli:import","entity":"resources","key":"9","kind":"row","seq":160,"ts":"2026-11-27T12:43:38.732486Z","value":{"area_mu_x100":27280,"id":9,"kind":"水面","location":"九组鱼塘","name":"九组鱼塘","resource_no":"ZY-009","village_id":1},"village":1}','c2b9d3cef43e3ecee7e1109cd9ab5d37551411e66140f8509e19e879ba1d9608');
INSERT INTO trail VALUES(161,'2026-11-27T12:43:38.732486Z','cli:import','resource.import','resources','10',1,'{"action":"resource.import","actor":"cli:import","entity":"resources","key":"10","kind":"row","seq":161,"ts":"2026-11-27T12:43:38.732486Z","value":{"area_mu_x100":4420,"id":10,"kind":"建设用地","location":"三组集体建设用地","name":"三组集体建设用地","resource_no":"ZY-010","village_id":1},"village":1}','1df74b9f11c422419b35e4b61129efc44bb870969f47edd8b8524192a0be32d1');
INSERT INTO trail VALUES(162,'2026-11-27T12:43:38.732486Z','cli:import','resource.import','resources','11',1,'{"action":"resource.import","actor":"cli:import","entity":"resources","key":"11","kind":"row","seq":162,"ts":"2026-11-27T12:43:38.732486Z","value":{"area_mu_x100":16950,"id":11,"kind":"四荒地","location":"五组荒地","name":"五组荒地","resource_no":"ZY-011","village_id":1},"village":1}','610d9a1c6177b99bde60340dfb07e1ee23173b749a62049498e4df4fc426a15e');
INSERT INTO trail VALUES(163,'2026-11-27T12:43:38.739445Z','cli:import','contract.import','contracts','1',1,'{"action":"contract.import","actor":"cli:import","entity":"contracts","key":"1","kind":"row","seq":163,"ts":"2026-11-27T12:43:38.739445Z","value":{"annual_rent_fen":109098000,"area_mu_x100":129130,"contract_no":"HT2023-001","counterparty":"林鹏","counterparty_id":"321283198112289296","end_date":"2026-08-21","id":1,"matter_no":null,"original_end_date":null,"sign_date":"2023-08-05","start_date":"2023-08-22","subject_no":"ZY-001","terminate_reason":null,"trade_no":"JY2023-01","village_id":1},"village":1}','a137e0338005f4cc03696f90456659981661dd80c83b96532d87134ae7142019');
INSERT INTO trail VALUES(164,'2026-11-27T12:43:38.739445Z','cli:import','contract.import','contracts','2',1,'{"action":"contract.import","actor":"cli:import","entity":"contracts","key":"2","kind":"row","seq":164,"ts":"2026-11-27T12:43:38.739445Z","value":{"annual_rent_fen":70663600,"area_mu_x100":91580,"contract_no":"HT2022-002","counterparty":"邵坚雷","counterparty_id":"321283197407280331","end_date":"2025-12-01","id":2,"matter_no":null,"original_end_date":null,"sign_date":"2022-11-16","start_date":"2022-12-02","subject_no":"ZY-002","terminate_reason":null,"trade_no":"JY2022-02","village_id":1},"village":1}','86a9ad9c7ff7aebf908a64f9784378a5da5b85fafb46dd7d913be25030867928');
INSERT INTO trail VALUES(165,'2026-11-27T12:43:38.739445Z','cli:import','contract.import','contracts','3',1,'{"action":"contract.import","actor":"cli:import","entity":"contracts","key":"3","kind":"row","seq":165,"ts":"2026-11-27T12:43:38.739445Z","value":{"annual_rent_fen":144552400,"area_mu_x100":177310,"contract_no":"HT2023-003","counterparty":"何倩","counterparty_id":"321283196507228640","end_date":"2027-05-13","id":3,"matter_no":null,"original_end_date":null,"sign_date":"2023-04-23","start_date":"2023-05-14","subject_no":"ZY-003","terminate_reason":null,"trade_no":"JY2023-03","village_id":1},"village":1}','a23622d021176fdf42fb4df062030343f2edc3ab1f08c9e4008bb50b141d9c74');
INSERT INTO trail VALUES(166,'2026-11-27T12:43:38.739445Z','cli:import','contract.import','contracts','4',1,'{"action":"contract.import","actor":"cli:import","entity":"contracts","key":"4","kind":"row","seq":166,"ts":"2026-11-27T12:43:38.739445Z","value":{"annual_rent_fen":164040700,"area_mu_x100":227290,"contract_no":"HT2022-004","counterparty":"张婷颖","counterparty_id":"32128319910806526X","end_date":"2027-07-06","id":4,"matter_no":null,"original_end_date":null,"sign_date":"2022-06-12","start_date":"2022-07-07","subject_no":"ZY-004","terminate_reason":null,"trade_no":"JY2022-04","village_id":1},"village":1}','aaa24de14f546122ff3b68682d6cc7e8c8af84e8b5f684c99c0818eb1b7aa80d');
INSERT INTO trail VALUES(167,'2026-11-27T12:43:38.739445Z','cli:import','contract.import','contracts','5',1,'{"action":"contract.import","actor":"cli:import","entity":"contracts","key":"5","kind":"row","seq":167,"ts":"2026-11-27T12:43:38.739445Z","value":{"annual_rent_fen":128475000,"area_mu_x100":161290,"contract_no":"HT2021-005","counterparty":"张卫平","counterparty_id":"321283196604261493","end_date":"2025-11-23","id":5,"matter_no":null,"original_end_date":null,"sign_date":"2021-10-31","start_date":"2021-11-24","subject_no":"ZY-005","terminate_reason":null,"trade_no":"JY2021-05","village_id":1},"village":1}','9955c7ff15dc069793e45937e504bbfc8bd858e57e925927bba111aad5e6f645');
INSERT INTO trail VALUES(168,'2026-11-27T12:43:38.739445Z','cli:import','contract.import','contracts','6',1,'{"action":"contract.import","actor":"cli:import","entity":"contracts","key":"6","kind":"row","seq":168,"ts":"2026-11-27T12:43:38.739445Z","value":{"annual_rent_fen":115149800,"area_mu_x100":161290,"contract_no":"HT2025-006","counterparty":"林珍娣","counterparty_id":"321012195810183982","end_date":"2029-11-23","id":6,"matter_no":null,"original_end_date":null,"sign_date":"2025-11-18","start_date":"2025-11-24","subject_no":"ZY-005","terminate_reason":null,"trade_no":"JY2025-06","village_id":1},"village":1}','f329ebb19d03ba2deb86a831f48f4a60109fc08e63ce68bea3f64249ca014b46');
INSERT INTO trail VALUES(169,'2026-11-27T12:43:38.739445Z','cli:import','contract.import','contracts','7',1,'{"action":"contract.import","actor":"cli:import","entity":"contracts","key":"7","kind":"row","seq":169,"ts":"2026-11-27T12:43:38.739445Z","value":{"annual_rent_fen":24839200,"area_mu_x100":32620,"contract_no":"HT2023-007","counterparty":"泰兴市永盛农业发展有限公司","counterparty_id":"91321283MACHPMY9MM","end_date":"2028-07-02","id":7,"matter_no":null,"original_end_date":null,"sign_date":"2023-06-19","start_date":"2023-07-03","subject_no":"ZY-006","terminate_reason":null,"trade_no":"JY2023-07","village_id":1},"village":1}','247ae932c2f48887ba223b88cc5baaa99225dbfba6ecca1c6120c3a412647ead');
INSERT INTO trail VALUES(170,'2026-11-27T12:43:38.739445Z','cli:import','contract.import','contracts','8',1,'{"action":"contract.import","actor":"cli:import","entity":"contracts","key":"8","kind":"row","seq":170,"ts":"2026-11-27T12:43:38.739445Z","value":{"annual_rent_fen":11404200,"area_mu_x100":105520,"contract_no":"HT2023-008","counterparty":"谭琴","counterparty_id":"321283197601220842","end_date":"2037-01-11","id":8,"matter_no":null,"original_end_date":null,"sign_date":"2022-12-16","start_date":"2023-01-12","subject_no":"ZY-007","terminate_reason":null,"trade_no":"JY2022-08","village_id":1},"village":1}','0cd0f18d71fb870eed3ef39228ffe0724be2adf7646e8a9ea104505a62835ea8');
INSERT INTO trail VALUES(171,'2026-11-27T12:43:38.739445Z','cli:import','contract.import','contracts','9',1,'{"action":"contract.import","actor":"cli:import","entity":"contracts","key":"9","kind":"row","seq":171,"ts":"2026-11-27T12:43:38.739445Z","value":{"annual_rent_fen":18836900,"area_mu_x100":18550,"contract_no":"HT2023-009","counterparty":"林鹏","counterparty_id":"321283198112289296","end_date":"2033-11-20","id":9,"matter_no":null,"original_end_date":null,"sign_date":"2023-11-08","start_date":"2023-11-21","subject_no":"ZY-008","terminate_reason":null,"trade_no":"JY2023-09","village_id":1},"village":1}','1281715e7aa959d5bd76f911c3eae85641e43199eade72c44b6ea84dd845c930');
INSERT INTO trail VALUES(172,'2026-11-27T12:43:38.739445Z','cli:import','contract.import','contracts','10',1,'{"action":"contract.import","actor":"cli:import","entity":"contracts","key":"10","kind":"row","seq":172,"ts":"2026-11-27T12:43:38.739445Z","value":{"annual_rent_fen":30066800,"area_mu_x100":27280,"contract_no":"HT2023-010","counterparty":"王强","counterparty_id":"321283197508055678","end_date":"2028-03-14","id":10,"matter_no":null,"original_end_date":null,"sign_date":"2023-02-23","start_date":"2023-03-15","subject_no":"ZY-009","terminate_reason":null,"trade_no":"JY2023-10","village_id":1},"village":1}','0366c50823f84420b5ac4ac9cdd013ed681c46995cdf94adfa715ee055b14158');
INSERT INTO trail VALUES(173,'2026-11-27T12:43:38.743381Z','cli:import','disclosure.import','disclosures','1',1,'{"action":"disclosure.import","actor":"cli:import","entity":"disclosures","key":"1","kind":"row","seq":173,"ts":"2026-11-27T12:43:38.743381Z","value":{"body":null,"category":"财务","corrects_id":null,"created_at":"2026-11-27T12:43:38.743381Z","created_by":"导入","id":1,"item_code":"CZ-01","period":"2024-01","period_end":"2024-01-31","period_start":"2024-01-01","published_by":"导入","published_date":"2024-02-09","retain_until":"2024-02-14","review_comment":null,"reviewed_at":null,"reviewed_by":null,"source":"导入","status":"published","submitted_at":null,"title":"新合村2024年1月财务收支明细（逐项逐笔）","total_expense_fen":null,"total_income_fen":null,"village_id":1},"village":1}','c3dc39b6aa25a5606df602ee5f28400a82c678e047d661bf8ef2eafe2bba2134');
INSERT INTO trail VALUES(174,'2026-11-27T12:43:38.743381Z','cli:import','disclosure.import','disclosures','2',1,'{"action":"disclosure.import","actor":"cli:import","entity":"disclosures","key":"2","kind":"row","seq":174,"ts":"2026-11-27T12:43:38.743381Z","value":{"body":null,"category":"财务","corrects_id":null,"created_at":"2026-11-27T12:43:38.743381Z","created_by":"导入","id":2,"item_code":"CZ-01","period":"2024-02","period_end":"2024-02-29","period_start":"2024-02-01","published_by":"导入","published_date":"2024-03-01","retain_until":"2024-03-06","review_comment":null,"reviewed_at":null,"reviewed_by":null,"source":"导入","status":"published","submitted_at":null,"title":"新合村2024年2月财务收支明细（逐项逐笔）","total_expense_fen":null,"total_income_fen":null,"village_id":1},"village":1}','72ca4faf4daa9be5c778b1a3d382c25e6b97779c3e4e0a7f40f7eb30804f3c8a');
INSERT INTO trail VALUES(175,'2026-11-27T12:43:38.743381Z','cli:import','disclosure.import','disclosures','3',1,'{"action":"disclosure.import","actor":"cli:import","entity":"disclosures","key":"3","kind":"row","seq":175,"ts":"2026-11-27T12:43:38.743381Z","value":{"body":null,"category":"财务","corrects_id":null,"created_at":"2026-11-27T12:43:38.743381Z","created_by":"导入","id":3,"item_code":"CZ-01","period":"2024-03","period_end":"2024-03-31","period_start":"2024-03-01","published_by":"导入","published_date":"2024-04-23","retain_until":"2024-04-28","review_comment":null,"reviewed_at":null,"reviewed_by":null,"source":"导入","status":"published","submitted_at":null,"title":"新合村2024年3月财务收支明细（逐项逐笔）","total_expense_fen":null,"total_income_fen":null,"village_id":1},"village":1}','5746800eb481699a10ff3ceaaed3002625e4f6ccf4991ddbf7b4b6cfc0b89292');
INSERT INTO trail VALUES(176,'2026-11-27T12:43:38.743381Z','cli:import','disclosure.import','disclosures','4',1,'{"action":"disclosure.import","actor":"cli:import","entity":"disclosures","key":"4","kind":"row","seq":176,"ts":"2026-11-27T12:43:38.743381Z","value":{"body":null,"category":"财务","corrects_id":null,"created_at":"2026-11-27T12:43:38.743381Z","created_by":"导入","id":4,"item_code":"CZ-01","period":"2024-04","period_end":"2024-04-30","period_start":"2024-04-01","published_by":"导入","published_date":"2024-05-05","retain_until":"2024-05-10","review_comment":null,"reviewed_at":null,"reviewed_by":null,"source":"导入","status":"published","submitted_at":null,"title":"新合村2024年4月财务收支明细（逐项逐笔）","total_expense_fen":null,"total_income_fen":null,"village_id":1},"village":1}','23cd870fa86a854f0c55caf1c0236d9e228595bf122bded4fdd0ea63e7eea339');
INSERT INTO trail VALUES(177,'2026-11-27T12:43:38.743381Z','cli:import','disclosure.import','disclosures','5',1,'{"action":"disclosure.import","actor":"cli:import","entity":"disclosures","key":"5","kind":"row","seq":177,"ts":"2026-11-27T12:43:38.743381Z","value":{"body":null,"category":"财务","corrects_id":null,"created_at":"2026-11-27T12:43:38.743381Z","created_by":"导入","id":5,"item_code":"CZ-01","period":"2024-05","period_end":"2024-05-31","period_start":"2024-05-01","published_by":"导入","published_date":"2024-06-08","retain_until":"2024-06-13","review_comment":null,"reviewed_at":null,"reviewed_by":null,"source":"导入","status":"published","submitted_at":null,"title":"新合村2024年5月财务收支明细（逐项逐笔）","total_expense_fen":null,"total_income_fen":null,"village_id":1},"village":1}','23c49be7c35a18e94fa0e7df66bbd2a5e9f761a954e66a88d26011aa5bc2cee8');
INSERT INTO trail VALUES(178,'2026-11-27T12:43:38.743381Z','cli:import','disclosure.import','disclosures','6',1,'{"action":"disclosure.import","actor":"cli:import","entity":"disclosures","key":"6","kind":"row","seq":178,"ts":"2026-11-27T12:43:38.743381Z","value":{"body":null,"category":"财务","corrects_id":null,"created_at":"2026-11-27T12:43:38.743381Z","created_by":"导入","id":6,"item_code":"CZ-01","period":"2024-07","period_end":"2024-07-31","period_start":"2024-07-01","published_by":"导入","published_date":"2024-08-10","retain_until":"2024-08-15","review_comment":null,"reviewed_at":null,"reviewed_by":null,"source":"导入","status":"published","submitted_at":null,"title":"新合村2024年7月财务收支明细（逐项逐笔）","total_expense_fen":null,"total_income_fen":null,"village_id":1},"village":1}','d88492afe9cd6effeddd382f8a784b74402f0c5b21cbbf7e5a4ace9f2b5b69ce');
INSERT INTO trail VALUES(179,'2026-11-27T12:43:38.743381Z','cli:import','disclosure.import','disclosures','7',1,'{"action":"disclosure.import","actor":"cli:import","entity":"disclosures","key":"7","kind":"row","seq":179,"ts":"2026-11-27T12:43:38.743381Z","value":{"body":null,"category":"财务","corrects_id":null,"created_at":"2026-11-27T12:43:38.743381Z","created_by":"导入","id":7,"item_code":"CZ-01","period":"2024-08","period_end":"2024-08-31","period_start":"2024-08-01","published_by":"导入","published_date":"2024-09-30","retain_until":"2024-10-05","review_comment":null,"reviewed_at":null,"reviewed_by":null,"source":"导入","status":"published","submitted_at":null,"title":"新合村2024年8月财务收支明细（逐项逐笔）","total_expense_fen":null,"total_income_fen":null,"village_id":1},"village":1}','ebce594107dd5edbec77bba04c81088943aa7fa9cd14bdf22420883cb7ae520d');
INSERT INTO trail VALUES(180,'2026-11-27T12:43:38.743381Z','cli:import','disclosure.import','disclosures','8',1,'{"action":"disclosure.import","actor":"cli:import","entity":"disclosures","key":"8","kind":"row","seq":180,"ts":"2026-11-27T12:43:38.743381Z","value":{"body":null,"category":"财务","corrects_id":null,"created_at":"2026-11-27T12:43:38.743381Z","created_by":"导入","id":8,"item_code":"CZ-01","period":"2024-09","period_end":"2024-09-30","period_start":"2024-09-01","published_by":"导入","published_date":"2024-10-01","retain_until":"2024-10-06","review_comment":null,"reviewed_at":null,"reviewed_by":null,"source":"导入","status":"published","submitted_at":null,"title":"新合村2024年9月财务收支明细（逐项逐笔）","total_expense_fen":null,"total_income_fen":null,"village_id":1},"village":1}','99a463065d6afd1b00ca58afbca1b5597b414ee006fac3c19e2fde85a229d2c6');
INSERT INTO trail VALUES(181,'2026-11-27T12:43:38.743381Z','cli:import','disclosure.import','disclosures','9',1,'{"action":"disclosure.import","actor":"cli:import","entity":"disclosures","key":"9","kind":"row","seq":181,"ts":"2026-11-27T12:43:38.743381Z","value":{"body":null,"category":"财务","corrects_id":null,"created_at":"2026-11-27T12:43:38.743381Z","created_by":"导入","id":9,"item_code":"CZ-01","period":"2024-10","period_end":"2024-10-31","period_start":"2024-10-01","published_by":"导入","published_date":"2024-11-02","retain_until":"2024-11-07","review_comment":null,"reviewed_at":null,"reviewed_by":null,"source":"导入","status":"published","submitted_at":null,"title":"新合村2024年10月财务收支明细（逐项逐笔）","total_expense_fen":null,"total_income_fen":null,"village_id":1},"village":1}','ae53b78e7aaa35a7bd983159d09b5294a809444ec8b942985267eb43f1b93eb4');
INSERT INTO trail VALUES(182,'2026-11-27T12:43:38.743381Z','cli:import','disclosure.import','disclosures','10',1,'{"action":"disclosure.import","actor":"cli:import","entity":"disclosures","key":"10","kind":"row","seq":182,"ts":"2026-11-27T12:43:38.743381Z","value":{"body":null,"category":"财务","corrects_id":null,"created_at":"2026-11-27T12:43:38.743381Z","created_by":"导入","id":10,"item_code":"CZ-01","period":"2024-11","period_end":"2024-11-30","period_start":"2024-11-01","published_by":"导入","published_date":"2024-12-01","retain_until":"2024-12-06","review_comment":null,"reviewed_at":null,"reviewed_by":null,"source":"导入","status":"published","submitted_at":null,"title":"新合村2024年11月财务收支明细（逐项逐笔）","total_expense_fen":null,"total_income_fen":null,"village_id":1},"village":1}','4340b7de3eda5f4635dd8d7413fedb864063e6a900f4f228ea8d610eafc537ca');
INSERT INTO trail VALUES(183,'2026-11-27T12:43:38.750551Z','cli:import','subsidy.programme','subsidy_programmes','1',NULL,'{"action":"subsidy.programme","actor":"cli:import","entity":"subsidy_programmes","key":"1","kind":"row","seq":183,"ts":"2026-11-27T12:43:38.750551Z","value":{"department":null,"id":1,"name":"最低生活保障金","note":null},"village":null}','074df766983c067b4f096bf0099139ad488b8d54435639700bc05be3c61537be');
INSERT INTO trail VALUES(184,'2026-11-27T12:43:38.750551Z','cli:import','subsidy.standard_import','subsidy_standards','1',NULL,'{"action":"subsidy.standard_import","actor":"cli:import","entity":"subsidy_standards","key":"1","kind":"row","seq":184,"ts":"2026-11-27T12:43:38.750551Z","value":{"id":1,"max_amount_fen":60000,"programme_id":1,"year":2024},"village":null}','7c6d46f23e30167b407f65e8b372c32de444e91f2a97238a2bf5d755595c2cc1');
INSERT INTO trail VALUES(185,'2026-11-27T12:43:38.750551Z','cli:import','subsidy.standard_import','subsidy_standards','2',NULL,'{"action":"subsidy.standard_import","actor":"cli:import","entity":"subsidy_standards","key":"2","kind":"row","seq":185,"ts":"2026-11-27T12:43:38.750551Z","value":{"id":2,"max_amount_fen":63000,"programme_id":1,"year":2025},"village":null}','869026e615d9c883054a44baa18fecacbadc803a00e26d808b4d9f92b2cfa10b');
INSERT INTO trail VALUES(186,'2026-11-27T12:43:38.750551Z','cli:import','subsidy.programme','subsidy_programmes','2',NULL,'{"action":"subsidy.programme","actor":"cli:import","entity":"subsidy_programmes","key":"2","kind":"row","seq":186,"ts":"2026-11-27T12:43:38.750551Z","value":{"department":null,"id":2,"name":"特困人员供养金","note":null},"village":null}','70863271379245ec098c5530a6f13aaa2c9417f6c51470f567578e70c7faf8a4');
INSERT INTO trail VALUES(187,'2026-11-27T12:43:38.750551Z','cli:import','subsidy.standard_import','subsidy_standards','3',NULL,'{"action":"subsidy.standard_import","actor":"cli:import","entity":"subsidy_standards","key":"3","kind":"row","seq":187,"ts":"2026-11-27T12:43:38.750551Z","value":{"id":3,"max_amount_fen":90000,"programme_id":2,"year":2024},"village":null}','b46bd5f3c2250f91bcdf5677e7c1f8422dc0e02deb57b98f4cc4e201a00f9734');
INSERT INTO trail VALUES(188,'2026-11-27T12:43:38.750551Z','cli:import','subsidy.standard_import','subsidy_standards','4',NULL,'{"action":"subsidy.standard_import","actor":"cli:import","entity":"subsidy_standards","key":"4","kind":"row","seq":188,"ts":"2026-11-27T12:43:38.750551Z","value":{"id":4,"max_amount_fen":94000,"programme_id":2,"year":2025},"village":null}','4d2f4c5c17943e2ddfa56b98d2b93a7242cf680455aa25559377acb2a3e893ee');
INSERT INTO trail VALUES(189,'2026-11-27T12:43:38.750551Z','cli:import','subsidy.programme','subsidy_programmes','3',NULL,'{"action":"subsidy.programme","actor":"cli:import","entity":"subsidy_programmes","key":"3","kind":"row","seq":189,"ts":"2026-11-27T12:43:38.750551Z","value":{"department":null,"id":3,"name":"高龄津贴","note":null},"village":null}','6599ba1ddc8df04eadcd56bb02ccdcfb2b2cfc477c408dbb65de8a2a6342d126');
INSERT INTO trail VALUES(190,'2026-11-27T12:43:38.750551Z','cli:import','subsidy.standard_import','subsidy_standards','5',NULL,'{"action":"subsidy.standard_import","actor":"cli:import","entity":"subsidy_standards","key":"5","kind":"row","seq":190,"ts":"2026-11-27T12:43:38.750551Z","value":{"id":5,"max_amount_fen":10000,"programme_id":3,"year":2024},"village":null}','a275749827d26b8f0d35b23e6e4b60ac6235d13114b1d9b2f26a4102d54f6261');
INSERT INTO trail VALUES(191,'2026-11-27T12:43:38.750551Z','cli:import','subsidy.standard_import','subsidy_standards','6',NULL,'{"action":"subsidy.standard_import","actor":"cli:import","entity":"subsidy_standards","key":"6","kind":"row","seq":191,"ts":"2026-11-27T12:43:38.750551Z","value":{"id":6,"max_amount_fen":10000,"programme_id":3,"year":2025},"village":null}','002bf6cef4555814344a292e9a0f88de29350382353d2e99a724ca1893e77219');
INSERT INTO trail VALUES(192,'2026-11-27T12:43:38.750551Z','cli:import','subsidy.programme','subsidy_programmes','4',NULL,'{"action":"subsidy.programme","actor":"cli:import","entity":"subsidy_programmes","key":"4","kind":"row","seq":192,"ts":"2026-11-27T12:43:38.750551Z","value":{"department":null,"id":4,"name":"耕地地力保护补贴","note":null},"village":null}','dfe057bc191aaa1a6dbc8e8c20f9baa785952c27060823fb0ec071e209a97952');
INSERT INTO trail VALUES(193,'2026-11-27T12:43:38.750551Z','cli:import','subsidy.standard_import','subsidy_standards','7',NULL,'{"action":"subsidy.standard_import","actor":"cli:import","entity":"subsidy_standards","key":"7","kind":"row","seq":193,"ts":"2026-11-27T12:43:38.750551Z","value":{"id":7,"max_amount_fen":150000,"programme_id":4,"year":2024},"village":null}','05dca9aeb58cd589e923d67e53202cdc40289f367b991d9c73b407b1ef23ff16');
INSERT INTO trail VALUES(194,'2026-11-27T12:43:38.750551Z','cli:import','subsidy.standard_import','subsidy_standards','8',NULL,'{"action":"subsidy.standard_import","actor":"cli:import","entity":"subsidy_standards","key":"8","kind":"row","seq":194,"ts":"2026-11-27T12:43:38.750551Z","value":{"id":8,"max_amount_fen":155000,"programme_id":4,"year":2025},"village":null}','065429e3774e738868057d6e4bc23495a005066707cdebf10ec78bc27bef63aa');
INSERT INTO trail VALUES(195,'2026-11-27T12:43:38.754364Z','cli:import','subsidy.payment_import','subsidy_payments','1',1,'{"action":"subsidy.payment_import","actor":"cli:import","entity":"subsidy_payments","key":"1","kind":"row","seq":195,"ts":"2026-11-27T12:43:38.754364Z","value":{"amount_fen":56500,"bank_account":"6228000000000000115","id":1,"name":"徐宇昊","paid_date":"2025-10-15","period":"2025-10","person_id":46,"programme_id":1,"village_id":1},"village":1}','5eb3176e7cc62285ee0e771ad6642cdb1df19906616daaeae8c5e6e080de3c35');
INSERT INTO trail VALUES(196,'2026-11-27T12:43:38.754364Z','cli:import','subsidy.payment_import','subsidy_payments','2',1,'{"action":"subsidy.payment_import","actor":"cli:import","entity":"subsidy_payments","key":"2","kind":"row","seq":196,"ts":"2026-11-27T12:43:38.754364Z","value":{"amount_fen":61100,"bank_account":"6228000000000000115","id":2,"name":"徐宇昊","paid_date":"2025-11-15","period":"2025-11","person_id":46,"programme_id":1,"village_id":1},"village":1}','049b7c83186e48966defe6262bfbef10c933e34a0e2773f974dee9fe42d6cc8c');
INSERT INTO trail VALUES(197,'2026-11-27T12:43:38.754364Z','cli:import','subsidy.payment_import','subsidy_payments','3',1,'{"action":"subsidy.payment_import","actor":"cli:import","entity":"subsidy_payments","key":"3","kind":"row","seq":197,"ts":"2026-11-27T12:43:38.754364Z","value":{"amount_fen":53500,"bank_account":"6228000000000000115","id":3,"name":"徐宇昊","paid_date":"2025-12-15","period":"2025-12","person_id":46,"programme_id":1,"village_id":1},"village":1}','0d0d97d0d92bc4568af9a87d6c612712c6fdddff1c58f34cbca479f190a01c8d');
INSERT INTO trail VALUES(198,'2026-11-27T12:43:38.754364Z','cli:import','subsidy.payment_import','subsidy_payments','4',1,'{"action":"subsidy.payment_import","actor":"cli:import","entity":"subsidy_payments","key":"4","kind":"row","seq":198,"ts":"2026-11-27T12:43:38.754364Z","value":{"amount_fen":62300,"bank_account":"6228000000000000012","id":4,"name":"吴正华","paid_date":"2025-08-15","period":"2025-08","person_id":13,"programme_id":1,"village_id":1},"village":1}','16e2149302d34f975936e21e747c4e1e8f2d2eeb1102c8970c7ccb277bcac67f');
INSERT INTO trail VALUES(199,'2026-11-27T12:43:38.754364Z','cli:import','subsidy.payment_import','subsidy_payments','5',1,'{"action":"subsidy.payment_import","actor":"cli:import","entity":"subsidy_payments","key":"5","kind":"row","seq":199,"ts":"2026-11-27T12:43:38.754364Z","value":{"amount_fen":55000,"bank_account":"6228000000000000012","id":5,"name":"吴正华","paid_date":"2025-09-15","period":"2025-09","person_id":13,"programme_id":1,"village_id":1},"village":1}','541f425d7891b3431eed54d8093cff549085ef880dafd3fac7c0f69a7c5d36ef');
INSERT INTO trail VALUES(200,'2026-11-27T12:43:38.754364Z','cli:import','subsidy.payment_import','subsidy_payments','6',1,'{"action":"subsidy.payment_import","actor":"cli:import","entity":"subsidy_payments","key":"6","kind":"row","seq":200,"ts":"2026-11-27T12:43:38.754364Z","value":{"amount_fen":56200,"bank_account":"6228000000000000012","id":6,"name":"吴正华","paid_date":"2025-10-15","period":"2025-10","person_id":13,"programme_id":1,"village_id":1},"village":1}','89fd1931130349db7ef73c437cb63239dd2349afd864dd9bfe78adc8727c9643');
INSERT INTO trail VALUES(201,'2026-11-27T12:43:38.754364Z','cli:import','subsidy.payment_import','subsidy_payments','7',1,'{"action":"subsidy.payment_import","actor":"cli:import","entity":"subsidy_payments","key":"7","kind":"row","seq":201,"ts":"2026-11-27T12:43:38.754364Z","value":{"amount_fen":60300,"bank_account":"6228000000000000012","id":7,"name":"吴正华","paid_date":"2025-11-15","period":"2025-11","person_id":13,"programme_id":1,"village_id":1},"village":1}','82752b58e7977e0139a4e6c7ecce882954ef9e959082257a316748deee720347');
INSERT INTO trail VALUES(202,'2026-11-27T12:43:38.754364Z','cli:import','subsidy.payment_import','subsidy_payments','8',1,'{"action":"subsidy.payment_import","actor":"cli:import","entity":"subsidy_payments","key":"8","kind":"row","seq":202,"ts":"2026-11-27T12:43:38.754364Z","value":{"amount_fen":61100,"bank_account":"6228000000000000012","id":8,"name":"吴正华","paid_date":"2025-12-15","period":"2025-12","person_id":13,"programme_id":1,"village_id":1},"village":1}','5b7dff280f06183b4b4f571295acd8c6a1857a8bd8e9cacb37538559daf98e53');
INSERT INTO trail VALUES(203,'2026-11-27T12:43:38.754364Z','cli:import','subsidy.payment_import','subsidy_payments','9',1,'{"action":"subsidy.payment_import","actor":"cli:import","entity":"subsidy_payments","key":"9","kind":"row","seq":203,"ts":"2026-11-27T12:43:38.754364Z","value":{"amount_fen":52400,"bank_account":"6228000000000000156","id":9,"name":"李一鑫","paid_date":"2025-02-15","period":"2025-02","person_id":51,"programme_id":1,"village_id":1},"village":1}','d19d2a96f4aee36c1eed0f846e94cef0cd9d1f331101a8f1e4de2de9341e6714');
INSERT INTO trail VALUES(204,'2026-11-27T12:43:38.754364Z','cli:import','subsidy.payment_import','subsidy_payments','10',1,'{"action":"subsidy.payment_import","actor":"cli:import","entity":"subsidy_payments","key":"10","kind":"row","seq":204,"ts":"2026-11-27T12:43:38.754364Z","value":{"amount_fen":62800,"bank_account":"6228000000000000156","id":10,"name":"李一鑫","paid_date":"2025-03-15","period":"2025-03","person_id":51,"programme_id":1,"village_id":1},"village":1}','65630ea5574478241dcc0202758fc4045486ae845be8a2fece07fe3a22e3dd19');
INSERT INTO trail VALUES(205,'2026-11-27T12:43:39.047352Z','cli:user','user.create','users','1',NULL,'{"action":"user.create","actor":"cli:user","entity":"users","key":"1","kind":"row","seq":205,"ts":"2026-11-27T12:43:39.047352Z","value":{"created_at":"2026-11-27T12:43:39.047352Z","dept":null,"disabled":0,"display_name":"upgrade","id":1,"password_changed_at":"2026-11-27T12:43:39.047352Z","person_id":null,"role":"village","username":"upgrade"},"village":null}','c7e1cf693b024ff324c40fab0c94e69b4cc957334f076da42a2a2ca4123094e7');
INSERT INTO trail VALUES(206,'2026-11-27T12:43:39.047352Z','cli:user','user.create','user_village','1',1,'{"action":"user.create","actor":"cli:user","entity":"user_village","key":"1","kind":"row","seq":206,"ts":"2026-11-27T12:43:39.047352Z","value":{"id":1,"user_id":1,"village_id":1},"village":1}','92e005ebdb51c8ccf8dcc631492cba207fae1c5ba5d2c8d0e51f513bcef5c295');
CREATE TABLE trail_node (
  level INTEGER NOT NULL,
  idx INTEGER NOT NULL,
  hash TEXT NOT NULL,
  PRIMARY KEY (level, idx)
);
INSERT INTO trail_node VALUES(1,0,'ea2c70ecaa02e7b2c950167fe82c9bb16c336722a36bada746fb039c2276ed9e');
INSERT INTO trail_node VALUES(1,1,'f5875715948a603d8721382428c9391e771d456e552fadd7f51f80c30cd21dc6');
INSERT INTO trail_node VALUES(2,0,'294319c85cc24329f08b39d38577ab327a5cc9c91573811e9c38247c7c8c8275');
INSERT INTO trail_node VALUES(1,2,'68f335e7d758a6ed33cd557a2c30a58a5e1b3d4d79a123b48d69c9db23490821');
INSERT INTO trail_node VALUES(1,3,'7bd95fddf5b2f7168a08be19589f4b6f4de9db1741aaabc682c76cd9aebb2c74');
INSERT INTO trail_node VALUES(2,1,'0f50e43ae63e43231ae08a7003e85f7ae36c96ed5bbf060c99cd6a3e2309f069');
INSERT INTO trail_node VALUES(3,0,'ba95dec02fdbb3f4eab8cba3a7eaaadc4e7c8bcc371c055c72fa11c263916cc0');
INSERT INTO trail_node VALUES(1,4,'111be8110ad4410aeedbeeea94fdb033eae77b492b4c87de3cd891bf04850c3c');
INSERT INTO trail_node VALUES(1,5,'70216fc70d57d199a1ca57658c7939dc8717c3bcc329c0e3fef9756f67882d9f');
INSERT INTO trail_node VALUES(2,2,'2ece533def2d86aa629655ae9ae0e11123d3f7bc74bd855daabd8f52be8f91be');
INSERT INTO trail_node VALUES(1,6,'6cfa7478fd483310822837070cf54654f67f4f85ef22ba1be927a82225e8579f');
INSERT INTO trail_node VALUES(1,7,'d6be15a88e95d9352263536659e4ce876205f3d667fb2130f98423dc07ea48c0');
INSERT INTO trail_node VALUES(2,3,'ec6d76c62ae6f5de8ff80b75f15d32f11d4dc37a4039fa2551ef08d69c50218c');
INSERT INTO trail_node VALUES(3,1,'1ec7a62f19dc19b0d4d8be8853cf4f24b83fc27550d64e4a72a6ee43914b04dd');
INSERT INTO trail_node VALUES(4,0,'17c1ff1ed94f2b52f310348b49a254f44c8a8e21d8e08a0e005f457b4e660ab4');
INSERT INTO trail_node VALUES(1,8,'d0e0a2cd1b0776810bb395b1a75366c8318a11ec4cb777e87d545fd8dabba407');
INSERT INTO trail_node VALUES(1,9,'7291d7a51f9d3ec44f73862e10f6c9932f93ebe998891d4d88e75b229c40b043');
INSERT INTO trail_node VALUES(2,4,'d5973d170dbaee67497d40cc4e05bb7e2823c299e95c871321aca36ea801ec63');
INSERT INTO trail_node VALUES(1,10,'42d1474ab356b1037304ece2acb3e7c2a4615e168dbb879712b6431ec472272e');
INSERT INTO trail_node VALUES(1,11,'41a2038435c0db426047655fbc8a97dc2009f2e2150795393f5395dbf44d477a');
INSERT INTO trail_node VALUES(2,5,'41ebd1ac05dc1b391e40ee1b82cde5ee886b6efa2d272e5254508a925ac1e8a7');
INSERT INTO trail_node VALUES(3,2,'f3235e405374907b5a57572c5a54a30c52d7159328cdc643437aedbda101c55f');
INSERT INTO trail_node VALUES(1,12,'9f1fe9462cb08e274a6fedaa624bafba991486bf5e14f3626f7ef9bbdf952ddc');
INSERT INTO trail_node VALUES(1,13,'16852eb0f7338c06c97999e179b497c5fdf9624a56c4f9a326371e3b898c4ff6');
INSERT INTO trail_node VALUES(2,6,'ed0c57d46030d49e369dd6d38e51586da2fce1af1819c3a68436e4ff66960501');
INSERT INTO trail_node VALUES(1,14,'57a4eaab33ecfe148f49e74f9d8174c0d459e95b659162caee501a3b7902c66a');
INSERT INTO trail_node VALUES(1,15,'d7a36a48c7768bfa788ae061797edaa9af7e9a2369eaa51cf11bca696d6a0110');
INSERT INTO trail_node VALUES(2,7,'6f4893bc6e3f555154d126a62d9ddb01aa0f210e081717b431980764fdaff087');
INSERT INTO trail_node VALUES(3,3,'b3d40122a42245197eafa01ff8851f7e8013c5ea9bebc7e24d2b29234f32cc54');
INSERT INTO trail_node VALUES(4,1,'79420226e7045260a2f4c84bf1d7ddff13746a778dcaa0ba10d511756de0ce11');
INSERT INTO trail_node VALUES(5,0,'d6ad585f968e9c519acf146afa94c7f5d15de37f4f62d45dd1e99a0070f84752');
INSERT INTO trail_node VALUES(1,16,'61995a29f2a794c7639d878010a9b3ae62cabb0bec8a8c61c247bfdbfe16cd4b');
INSERT INTO trail_node VALUES(1,17,'0b522da284d4d612d4b4cecbba440224ef9eb45acbbcff6ff46c4c8a34f0dde8');
INSERT INTO trail_node VALUES(2,8,'1d122c8f8b896b903d7a386e1860b9ffa4ec4e431ab2eca258c413d1f889a928');
INSERT INTO trail_node VALUES(1,18,'8f27fda0d3e1d6599285fc27aeaeb5c6e3b20e395bb46c0dabf223e47f9deb1a');
INSERT INTO trail_node VALUES(1,19,'8363c528ab95691ac6cbcf9b1721d1ca6b0a7da600d9407c85bd75dc586f8b25');
INSERT INTO trail_node VALUES(2,9,'2b6c513c762189480c9b1265a52e8945ccde31d8fa5b7882289796cb530b39a9');
INSERT INTO trail_node VALUES(3,4,'7f59ba741b22493d33727cd7cb53c79e685530d3c584fe3fce27f89acf2809c1');
INSERT INTO trail_node VALUES(1,20,'e9e3ddafbfdec6c513de8545c6dee445749a3857c4094799519ab371a5e0b53f');
INSERT INTO trail_node VALUES(1,21,'b8cf11a9ab323a5df3cac541674589eaad2f74199361484b43310f9050934cc7');
INSERT INTO trail_node VALUES(2,10,'3a3cc13beac07f0d6a2f0c65a8493ce0c8853d580dc4f6b8820cf3f0ff436caa');
INSERT INTO trail_node VALUES(1,22,'47e84f6601ab95fa8513f5de959f3dafec85f2aeecfbcb8ab9e42d5f4506384a');
INSERT INTO trail_node VALUES(1,23,'8d2c5de6ca70cc4b1d424c9e5b763dff1f586aee8aa666433181452f6de05735');
INSERT INTO trail_node VALUES(2,11,'cf45a8445e7db2799936454a9cd9d0b6f98e488fec5c6afd7a610b79b8b1d6e2');
INSERT INTO trail_node VALUES(3,5,'5125d8246650c8ec56d0e4f1414149b37c0b1e2249d96161e56f78affee74f6c');
INSERT INTO trail_node VALUES(4,2,'1c49dbd2b06027ca522496e5503e10d1ff03432704ba400ea86d7801a546adf5');
INSERT INTO trail_node VALUES(1,24,'24b72dcf10aac08e8cd15b7f0fda88cbff7b90b44ae3350fc2c3193e77174705');
INSERT INTO trail_node VALUES(1,25,'8e58c1c94fdb9d55a72aa04dc1ce1e77782e57466f97eb08b5f3fed3a58a711f');
INSERT INTO trail_node VALUES(2,12,'85bd91a5d1bc186c8747946333735819cdb447b7e538cf0260f0ee09536d79e0');
INSERT INTO trail_node VALUES(1,26,'5f6861548d8b4b68165e2932f9b778058f67ed743b3a2811ff1de325983f1119');
INSERT INTO trail_node VALUES(1,27,'55967c6bc89f04ed0973fe4d7bcc7bf8079f333f73ff864c0e0798f43b2b737e');
INSERT INTO trail_node VALUES(2,13,'221d895a39277d8715e4c4ed205f4f52bac36dcae43aaebb16884e05efd5e186');
INSERT INTO trail_node VALUES(3,6,'29be794d6e8742219fe54e0d9857b15b016d18ecb2baf5dc57bd7b244b8edfba');
INSERT INTO trail_node VALUES(1,28,'668e92b59c2bada48321e5b79e19dfa7fd777d07c53163b96cc01d4ba1fa95ef');
INSERT INTO trail_node VALUES(1,29,'6d0ab783d7a3cbc81813bd13bdd154155b29703f4b23223bcbea36a1bf6ef9fa');
INSERT INTO trail_node VALUES(2,14,'141249bed8f161843d7e8014f1f58abc968d1c7842b65172fe76c7c06b91b02e');
INSERT INTO trail_node VALUES(1,30,'24aed76972c39e2fb9cebd031b8097f025aa10e9953b6ccd3a2c2c8a5f667b2f');
INSERT INTO trail_node VALUES(1,31,'df9e7f34375a85f67fcae4e51d06bb47ed710b24cefea257040921d1b628e32c');
INSERT INTO trail_node VALUES(2,15,'64e0193b09ad1f6bc786beeb84ccf2b47394c5d4c85f50357c52d10d1c4e86b5');
INSERT INTO trail_node VALUES(3,7,'48b92b57ac4708a1d42605ae42e20fcb588add4974bb94f2e11655929a50fc76');
INSERT INTO trail_node VALUES(4,3,'b8970191946b6ae9ae164e0299f5f2c9cd5c69082afa29f12957a472cc0c0884');
INSERT INTO trail_node VALUES(5,1,'7930425fdcd01510b2363d3375340c9d7b60838cd02723d94486a349f671fef0');
INSERT INTO trail_node VALUES(6,0,'6e97bde3519c49d9908bf68c9e9c29d429e8aa15dfa770b4b70260190a81bffa');
INSERT INTO trail_node VALUES(1,32,'0c7d9af9b1562db467dcb36646652014197a23e0c5e982604b4d481b907a6bd6');
INSERT INTO trail_node VALUES(1,33,'0328e3fc6a160c4cb77d5efd57da61dfbe050e3e45dec49e821987867c13c85c');
INSERT INTO trail_node VALUES(2,16,'e4740cb94e751b48702495a9edab5c5d108cf856a60be926caf1c6ad0d545148');
INSERT INTO trail_node VALUES(1,34,'be449003ac3adde8a9aea05a0ddcfa59b450ddd318c1bd306af427e9855610d6');
INSERT INTO trail_node VALUES(1,35,'04181e089ced8b1ce37ceac0de35c5028f0df651d75c6dd95396352552435172');
INSERT INTO trail_node VALUES(2,17,'a5ac6dcb341838ec137682e28cfc48526b1d690a6146f82fc9a93380a38d1236');
INSERT INTO trail_node VALUES(3,8,'71346aa09480db109b6ac8e0e99e02f81f1e25138081f6d651950dfaf0f1d898');
INSERT INTO trail_node VALUES(1,36,'186f8a72e01c9f5b00ecea4b4bdab9b0c2e6ee00c6b4b2820e875ed8245e19f7');
INSERT INTO trail_node VALUES(1,37,'bd966d55b996841c5f66bd1c55282a000d769549fb2c5513f889e9dcfd1cbc8b');
INSERT INTO trail_node VALUES(2,18,'4fa70734f4d321b00b31d8398f27eae0e2be42e483145374830bb4d5106a5bc9');
INSERT INTO trail_node VALUES(1,38,'23be6346872a00114353d9ad723b0f38ec0efc0234b6e7928335a211e18268c7');
INSERT INTO trail_node VALUES(1,39,'d3436c8811a575eb48948c0c5fe3315f54f347114eb456d01a5c375377a119ff');
INSERT INTO trail_node VALUES(2,19,'dd81b865ff192602b70610744bac6b35b4aec7c313c4c1607d4313187863a4a0');
INSERT INTO trail_node VALUES(3,9,'ef4b6fe4dfa8616947946a39c8f25c6e017df8f15b0f836eccf2da5f7923f83e');
INSERT INTO trail_node VALUES(4,4,'d9c3413e4fad8c2bebdebb71c14bed35131c9380cd658b81769f6d273db33154');
INSERT INTO trail_node VALUES(1,40,'eb71a22b3130e72d93abe71ffefd57f1f7be2197685b959a8039e484a72bd5c5');
INSERT INTO trail_node VALUES(1,41,'ebad5a03e1e729136df5a1e9f21cef76d71f3c95e99d1e8dfc5ad409cd7d1d4a');
INSERT INTO trail_node VALUES(2,20,'5d87e1b32f031cb870ef0d137096cf85956bd2eb1fc933e097a053983c1cd53f');
INSERT INTO trail_node VALUES(1,42,'c184046fb8ddb2fce89ca404c35bc7cf713ebb0cb2e90c93b47fd464a24b1e53');
INSERT INTO trail_node VALUES(1,43,'83e96be8c8f9e8f80e351fb908275e67244a50ed6287e808afa1e672a5449374');
INSERT INTO trail_node VALUES(2,21,'97d13471aa01cbad9c71c6e219338bc8b9606e16e40e767c9fb19844cc6859cc');
INSERT INTO trail_node VALUES(3,10,'c015d45c8933adcf468272e5827c56a77fc87a4a438e4b3b8fb146c93386dc20');
INSERT INTO trail_node VALUES(1,44,'02d5bd87888ceae2f69ba51c547c7e838f3442f0e99e75815f788ecae3a7dc26');
INSERT INTO trail_node VALUES(1,45,'3ba9d8aaf22f6a20b05efbd78db8f826126fa98a6e7795ef533b33b5c1122cc7');
INSERT INTO trail_node VALUES(2,22,'3445875387f04bee9916d3eeed6e1e4c52b0737b3ee2a0f0dd29147083927a90');
INSERT INTO trail_node VALUES(1,46,'61fbbc5770bb21c97bf37afbb0acab808c2bf6400dde7f45c90b62a93503e53c');
INSERT INTO trail_node VALUES(1,47,'48dfeb90311d5a855ec10b176cc32ef6a07f414c3d3c56a458c00e95dd9f3d48');
INSERT INTO trail_node VALUES(2,23,'2a72c854f1e1836b3f9ad6417acc11b7222460dff730586bb2ce26916c156a6c');
INSERT INTO trail_node VALUES(3,11,'8fd931f3a92865cac5dd197094237a6f2452fa1edc08a82d878bb86af64133e2');
INSERT INTO trail_node VALUES(4,5,'edaadd92979ac6a36adaab26f4310b1ebd27b261a570ba5926b77156f0f74a5d');
INSERT INTO trail_node VALUES(5,2,'7517b493556b7c9d095ed235deb1e03f9bb52d214651411ee7d6b21bdf7c7365');
INSERT INTO trail_node VALUES(1,48,'122b9a547172de638764357a3824297634939570ae061542dbbb6fdb1de171e8');
INSERT INTO trail_node VALUES(1,49,'e1747a5f3c75a0a730da4b53cbbce763a94e853a1d3a6a980316ac5bbffe2fca');
INSERT INTO trail_node VALUES(2,24,'757e231ef9ba9dbef3f98e08c7f7c4b678dcbeed47ead566621b4c035d99417a');
INSERT INTO trail_node VALUES(1,50,'e8d9b4ab73bc9b052a8014f7c994f9f92b1bffef3aba9dc1b1483bd2055dc9ef');
INSERT INTO trail_node VALUES(1,51,'340c9927af6858dfee42feaefbc8bb04fa19fcbbf6c2b4871a703e34c7275f2f');
INSERT INTO trail_node VALUES(2,25,'2946c41c54cf7378a8f81da047b0f0c2727dbeeb5435994f3e819d0bb744259c');
INSERT INTO trail_node VALUES(3,12,'dd8c53faeaf4e999948692019e5b21c1a656ba11f4796a53d95c368aed264a78');
INSERT INTO trail_node VALUES(1,52,'2a5e93aa6d98e1f5f4f9ecf863a889e35c7c361b8aa9526b3356f0a64f79dda6');
INSERT INTO trail_node VALUES(1,53,'c90dc9c437e588852c22f6f1679ad2434031fc84ee57f358aaab9aa08deaaf9f');
INSERT INTO trail_node VALUES(2,26,'3eea5c8b232125cbfee63ec06705ef9387521ca3f6cc3df354e3ef5e215b837e');
INSERT INTO trail_node VALUES(1,54,'96e60424398bf52106b830584d86b443c8528c2a5089d28c5d37d38526c51332');
INSERT INTO trail_node VALUES(1,55,'d3bec82e15f4d20564dc628489b712aee640f4847dc8f456d4c0fc937ea543e4');
INSERT INTO trail_node VALUES(2,27,'424d2b86117cdfae1c70952aa4fbda3f62be97e3a5b546b0a318905c465f82c7');
INSERT INTO trail_node VALUES(3,13,'5448c9d12d7646f1351e82febe8d4637bb84fec5f6cf5e9e2cf98c4ab38004ae');
INSERT INTO trail_node VALUES(4,6,'d9b3204375ecfbed4302b29f4484f7e57a85862bde884d2242843bde4d84c1ce');
INSERT INTO trail_node VALUES(1,56,'d76d3ea416d39530424a6950aba569ee562e666ff080831c71dec677b7d5cca8');
INSERT INTO trail_node VALUES(1,57,'658d3051059177f75e990c0dc4cd3259f835eb8859d5104ec080627f8cb3610e');
INSERT INTO trail_node VALUES(2,28,'62875d4e40a0a33ac85f3399eb011bf0bdf2ddaf0fcd06698d8721dd22542c4b');
INSERT INTO trail_node VALUES(1,58,'76230a20ce1c42fa61d894fa14de38caec60aacabe74048f4ffec390ff21f49b');
INSERT INTO trail_node VALUES(1,59,'bdd33eab3bf3ee1e0b2f686c299920ab403580ab07f4c22d231db35c53f34bc6');
INSERT INTO trail_node VALUES(2,29,'f5671d7e850321bd3cf4a7553e1aab61bcfff5c91e08396697dc110dc61fcc53');
INSERT INTO trail_node VALUES(3,14,'da5d18e42ded2646d3690013c36c5f0e872ed6620e78edaa4c6bcbe48308882e');
INSERT INTO trail_node VALUES(1,60,'8adc4bd52ebd6af460a5ebdd4ba92e51238b027ff118ce8458b8a66b59b23c9e');
INSERT INTO trail_node VALUES(1,61,'f2c01ef193d6da59c19232a2ada63306eb6130b4837994a58649ebfb7120d25e');
INSERT INTO trail_node VALUES(2,30,'a072218397b87f5fd378ef2178e67204b37fae30cf5991790d6003be85cd5816');
INSERT INTO trail_node VALUES(1,62,'16e9f2fdf2e6d303c2570f4cdccad0efa9486444762de9cd89eee9a5e22561ca');
INSERT INTO trail_node VALUES(1,63,'e891fb4d85969fada04031dc72af8364c6ba0a68a30638585388f4fe5ef2794e');
INSERT INTO trail_node VALUES(2,31,'a5f24ddf2678be698db7648b667d03b4faa35d272e923e2a01acdfe933570d6f');
INSERT INTO trail_node VALUES(3,15,'6d4bfc5862f7c8f812a4aa7e1a6161ba9cb639ad90eef8b8efa7017f33177a89');
INSERT INTO trail_node VALUES(4,7,'aa60303da5b948679a8d3928f38a244769b35da7d7a719d9f9f672b9d07ea5c6');
INSERT INTO trail_node VALUES(5,3,'81829d5c71d5da3e8c8a93e3e3c0327135a65f7e39d5111a355f9eab9630a58b');
INSERT INTO trail_node VALUES(6,1,'1c8c820327f6c26f640f5bfee4f164a100ffaec70df2e0112deee0e900f9611a');
INSERT INTO trail_node VALUES(7,0,'4eee470153859123e533350f3a0e8261ec0d7afafcafcb7bc9624e2f559ddad1');
INSERT INTO trail_node VALUES(1,64,'becfc880bd90416a0e9d8f7263aba7d32a32648554247000c8070aa200cc4e51');
INSERT INTO trail_node VALUES(1,65,'c05483e627f5ebd8fb8db2ade329f7cad20cc33a2b24fe01740d4e19c16cf247');
INSERT INTO trail_node VALUES(2,32,'df6393b8a8be200e7ab0ed9da1952dc65d7cb77ea1cc5e119c85af25819b9409');
INSERT INTO trail_node VALUES(1,66,'b4d6bee7f91c77cde1f9043bc4f9d0c64c9754e9178e4d2192f9dc41ad5ffe98');
INSERT INTO trail_node VALUES(1,67,'237dbc13a2bed8361395388dec551d96d6758bde8a18ccfcc69930a810dd09c2');
INSERT INTO trail_node VALUES(2,33,'ef8f0c95b2d57da51d8dfd861fc9791958982a62ef0ce434d35158cb68dc78c5');
INSERT INTO trail_node VALUES(3,16,'a6f042bc631399685e729023c96547a4a12eb651401d2471dcda9a7562ad0190');
INSERT INTO trail_node VALUES(1,68,'4d95e1e04809566ae10792da9bd9d43af09b771c501815d7dbb51e40ff8889eb');
INSERT INTO trail_node VALUES(1,69,'b9501c7f5ae91fc1b955d10adcf4e5faaa7ea6017545d5411953ba8ba4b6cb6c');
INSERT INTO trail_node VALUES(2,34,'6d50ec87ec819c40de3678e5bdb740fdc122475fe6f2303c71d10b6fc1a98665');
INSERT INTO trail_node VALUES(1,70,'9ef4d6a2a6aab67d43d2a1e0238c66affab5f313145bbe6c94b4082f8be868bd');
INSERT INTO trail_node VALUES(1,71,'4b8a2ed4cb1f58b7d7fbe9ea85931b506c2a79f748785a44566bedeec4ca04b0');
INSERT INTO trail_node VALUES(2,35,'a06c566dec89056ba58e334faf51e55167a157d58740467b437448e425525c20');
INSERT INTO trail_node VALUES(3,17,'08b78bf928e27a9cfc2ec1218eef829f6468f19964463002c9e7d8748fba5258');
INSERT INTO trail_node VALUES(4,8,'09d823901cf2194dcc78a124db06c7f5a44dfc489fb8588746f1bc955fe84fed');
INSERT INTO trail_node VALUES(1,72,'e809de5389299fd258e7a33cbd8718de87e3010fda1d0d5827f116b6e51cc5bc');
INSERT INTO trail_node VALUES(1,73,'9bce69733d3e7823e326c6d41231f7a4b55cf9aee95503ac03ad531f708ef778');
INSERT INTO trail_node VALUES(2,36,'ebce0d25aab692ef65f8ca3b80ad561ef9623491712056d59407a4f1d828dd4d');
INSERT INTO trail_node VALUES(1,74,'4f16912534af8a6571a5b785ae32985a59e9a46e3a6493e80220592962aa1096');
INSERT INTO trail_node VALUES(1,75,'70158c8923f21d8a8c1a55e9b60829d8c1898d9317cd1b618aa0dd5dd4237646');
INSERT INTO trail_node VALUES(2,37,'1704d01c9a33a58b16e45705f8ac00a380f7a5e9995a1ea3078aa034d1508773');
INSERT INTO trail_node VALUES(3,18,'de968dca0b70b14ad1a13cde90af969d5d63ad2f8128021ee4f4bb6b3ec3a592');
INSERT INTO trail_node VALUES(1,76,'4d611dda037933c626a536981455b41b56058bb70623032f01c85c0319d0d28b');
INSERT INTO trail_node VALUES(1,77,'a48fda491ca358bb50cacefa81fc9a9dadb5ef762da5f3a7f86283d4f643dc4c');
INSERT INTO trail_node VALUES(2,38,'474eecb93316723cd2877701e66661a1cd448ca5e6bb564dcf7bc66e8f360f48');
INSERT INTO trail_node VALUES(1,78,'5a2c853ab8e5ed2f810877c38c6aafe8d360940665d869119a7ab5f23fe8132b');
INSERT INTO trail_node VALUES(1,79,'82b5d326a7995760ad4edd9bd33ddcc02ddf23505cba01de2d33bdf63c6637bf');
INSERT INTO trail_node VALUES(2,39,'eed78b0133fbacef9870222ca7fd13d8867b4057e3a57c11149cba56d0c2bd6f');
INSERT INTO trail_node VALUES(3,19,'49d1c6d3b9bacdf90b165301ba64a47f6e7fcf57016cdf6c6f789ac5209950bb');
INSERT INTO trail_node VALUES(4,9,'865f60d9cb378d6cf13bc0a1035d4654ff4d5e79d546ddbf286c6b0b87bb0272');
INSERT INTO trail_node VALUES(5,4,'a9b3cf94dbb87375f8cd118996fb79f78265537c28578f2a5458f884a5b22286');
INSERT INTO trail_node VALUES(1,80,'a9fee54ecb15304ccadbdfcae7edfcd13c8c9c6284394315abf69082876361bd');
INSERT INTO trail_node VALUES(1,81,'92ebadf67256170501bfdc5c467d3dfbb6e34ee3c685f85d81f93d43215bdd1f');
INSERT INTO trail_node VALUES(2,40,'d8df46f2793a733af808b3ea7adb100af3fa2b3467d934e9a270f6d597c2ad1a');
INSERT INTO trail_node VALUES(1,82,'dbbf7db3f19811f062f11b84b719ac6a08119568a89760ea2ca50055759ec36c');
INSERT INTO trail_node VALUES(1,83,'7015eb374485ea650f18a8590af06a542293418d4e8d51e618c1fd043d29fc0c');
INSERT INTO trail_node VALUES(2,41,'d1e3b5503cc0eb025435daeaae8d5d877fdeb65c9ea283952c588a06467a6fba');
INSERT INTO trail_node VALUES(3,20,'b4237ab89a74c9cf301dfc01f5a7a1d93c3ec308b708f2aa8826f3e49104a757');
INSERT INTO trail_node VALUES(1,84,'c4cc6edfdd5df6ce54e25b6c2bc14b3b01851fcb63ddf9867aebe27e4dfa2c90');
INSERT INTO trail_node VALUES(1,85,'6fa2f676192b9396ded832a29bcb28f9f77025ead72826301217a9be1cf1bfa2');
INSERT INTO trail_node VALUES(2,42,'689b3a93f8f0f509d4c24f0aa2e5ae66ab5c186265ca4b4a9b4b0bdae50ed89a');
INSERT INTO trail_node VALUES(1,86,'739b7f45d8f09bc3f6691aa6883358e0ad99e495bde3514f61bccae705bab219');
INSERT INTO trail_node VALUES(1,87,'bec528d11710609bcad8b90e82f4693dc699993a97f731783f19abb82f2d5ca0');
INSERT INTO trail_node VALUES(2,43,'5fc6489e4a38d166c95b5ad157b2d6a7554aa0d01ad14d99f926c5a0d1b4401f');
INSERT INTO trail_node VALUES(3,21,'6ad3ea957fdfbdb895f226733d8e3721dacb93cbfe1405d44be75c068b9431e1');
INSERT INTO trail_node VALUES(4,10,'1a3a8f15a5a7617b7e4283bad6410bc51353e8702503948ac7e3bae7b29138dc');
INSERT INTO trail_node VALUES(1,88,'347b017902aaef48a79c72d7feb810189fbb697fcf066acd3bcdc7a132cadcbc');
INSERT INTO trail_node VALUES(1,89,'8351a2e5b9cac2eb7469673a6bb39b3b9f46bf695c867561b3cbfa0ab04e5a21');
INSERT INTO trail_node VALUES(2,44,'99dbf93d15e7339d465921e58a7f168388a046377d73f129e49f6525358c944f');
INSERT INTO trail_node VALUES(1,90,'b8f999e8a33b26604c1b4ba53dbc108ac44c78b2579b672be6471f7c56853117');
INSERT INTO trail_node VALUES(1,91,'4bd9eb13f4bda76eaf09fd19cffb8e7e5847f7ec70fa613b5a326945d8a67424');
INSERT INTO trail_node VALUES(2,45,'d495d5c381d1588c4c45342d47ba9c80d041c4ed1268e9905868bb147357d1bc');
INSERT INTO trail_node VALUES(3,22,'2740ec44d3be4c4eb1be0debd4fe2509720d77dbff23a417a4675813d4c8a737');
INSERT INTO trail_node VALUES(1,92,'d1f52013e938b17ee25b21d1971b09431c86f1789a37798c0d330be76b76ff1c');
INSERT INTO trail_node VALUES(1,93,'357ad199a3e98725f90631fc53682dc0cdb1d5de36c86bf079e8358b205b7f72');
INSERT INTO trail_node VALUES(2,46,'454a14b5842513709d94d31590c54e81114a215b09f6b63b1d738b357f9105a3');
INSERT INTO trail_node VALUES(1,94,'00c766a620a123d5c0b833088cce7c1ddc0cad4b6216f669f529f8696d75b227');
INSERT INTO trail_node VALUES(1,95,'3feb6615e62d51c42717c1aba388b775a77d3014b5924c5662742cbf4a8f44e4');
INSERT INTO trail_node VALUES(2,47,'a46c831b83f35f57ace8f901ebbfcbf5c91066ffec84433de8b26768f0980702');
INSERT INTO trail_node VALUES(3,23,'658668ac7d7cea03f477c96079b6b196dbd957bbb93500ae785308fa13097546');
INSERT INTO trail_node VALUES(4,11,'7d2b5b7de9d09e328ba96667994887fd26ebfbbf68773ab0cc1d9f7b50ffb35a');
INSERT INTO trail_node VALUES(5,5,'7e426793c258f8443c3a2308e3d9d6ecf8e9c6934b24f1ff9d0353f91fd7e297');
INSERT INTO trail_node VALUES(6,2,'1dc6f9fb2ed5d02d773c5dd45efe9ca31424cfd4839dfef9837770a5f8a94f1a');
INSERT INTO trail_node VALUES(1,96,'039a049883915722c05b65827e9e2b7c2c0dd4511c4048d837cf91b047deddad');
INSERT INTO trail_node VALUES(1,97,'d65da85c655033e297387d53949ece6f525a095cf3f0a934df110ad1c00420ce');
INSERT INTO trail_node VALUES(2,48,'db82c67a7e579bf4cb10dee23eab1a7b7285051f1f98a9814cdb2f8fb0475872');
INSERT INTO trail_node VALUES(1,98,'0335e6bd2266fb9b3decf5e0e9d60c133625fa8d28fb1db33bebcaf83216d3f4');
INSERT INTO trail_node VALUES(1,99,'b39dd1d64316e1ab82ac190d9cdd04dbdc0473c0cf259879dc091b7bfaf4d876');
INSERT INTO trail_node VALUES(2,49,'ecf70bfca70c7a8e22341e60835f13ac68e3157ef362144a4996889ebd7194c2');
INSERT INTO trail_node VALUES(3,24,'5fa6820f2366db3e66e62683e4b0fe5b6097b54786fecc2f3b0d99a76417be2f');
INSERT INTO trail_node VALUES(1,100,'4eaf3174b15a9d73f060172df8c1c2bf7a9b0ba91002b82e16e04ed046f3bc12');
INSERT INTO trail_node VALUES(1,101,'18c23008a868784d7a1fc83e6af03fb49f4385abdbd349c1126fc9e7a076b82d');
INSERT INTO trail_node VALUES(2,50,'43094e5cabc8548c829138b9f28e6aeb8ad78865226b4090bbfff068e7f48833');
INSERT INTO trail_node VALUES(1,102,'5df2d965405fbe0b4d2967ce90b148df41ba1d8c6e30b082c485c1b378e30842');
CREATE TABLE trail_head (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  size INTEGER NOT NULL,
  frontier TEXT NOT NULL
);
INSERT INTO trail_head VALUES(1,207,'00000000000000cf4eee470153859123e533350f3a0e8261ec0d7afafcafcb7bc9624e2f559ddad11dc6f9fb2ed5d02d773c5dd45efe9ca31424cfd4839dfef9837770a5f8a94f1a5fa6820f2366db3e66e62683e4b0fe5b6097b54786fecc2f3b0d99a76417be2f43094e5cabc8548c829138b9f28e6aeb8ad78865226b4090bbfff068e7f488335df2d965405fbe0b4d2967ce90b148df41ba1d8c6e30b082c485c1b378e3084292e005ebdb51c8ccf8dcc631492cba207fae1c5ba5d2c8d0e51f513bcef5c295');
CREATE TABLE districts (
  id INTEGER PRIMARY KEY,
  township TEXT NOT NULL,
  name TEXT NOT NULL,
  UNIQUE (township, name)
);
CREATE TABLE villages (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('村','居')),
  township TEXT NOT NULL,
  district_id INTEGER REFERENCES districts(id),
  households INTEGER,
  population INTEGER
);
INSERT INTO villages VALUES(1,'321283101201','新合村','村','黄桥镇',NULL,503,1332);
CREATE TABLE people (
  id INTEGER PRIMARY KEY,
  id_no TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  village_id INTEGER NOT NULL REFERENCES villages(id),
  household_no TEXT,
  death_date TEXT,
  moved_out_date TEXT,
  party_member INTEGER NOT NULL DEFAULT 0,
  phone TEXT
);
INSERT INTO people VALUES(1,'321282197611103002','许燕梅',1,'0003',NULL,NULL,0,NULL);
INSERT INTO people VALUES(2,'321283196912252652','陈勇军',1,'0004',NULL,NULL,0,'15644618445');
INSERT INTO people VALUES(3,'321283197311129784','杨婷萍',1,'0004',NULL,NULL,0,'13808993732');
INSERT INTO people VALUES(4,'321283198904126516','徐超红',1,'0006',NULL,NULL,0,'13901865265');
INSERT INTO people VALUES(5,'321283199403180025','袁雨思',1,'0006',NULL,NULL,0,'15553918813');
INSERT INTO people VALUES(6,'321283196205071000','汪芳花',1,'0006','2024-11-20',NULL,0,'13357104532');
INSERT INTO people VALUES(7,'321283195008095711','范开祥',1,'0007',NULL,NULL,0,NULL);
INSERT INTO people VALUES(8,'321283194803298185','丁梅',1,'0007',NULL,NULL,0,'15886724762');
INSERT INTO people VALUES(9,'321283198012303396','范东',1,'0007',NULL,NULL,0,'15983772976');
INSERT INTO people VALUES(10,'321283198606105434','陈军',1,'0009',NULL,NULL,0,'15606764110');
INSERT INTO people VALUES(11,'32128319910719748X','丁语颖',1,'0009',NULL,NULL,0,'15351624528');
INSERT INTO people VALUES(12,'321283195607011647','丁翠云',1,'0009',NULL,NULL,0,'13733222928');
INSERT INTO people VALUES(13,'321283195006119898','吴正华',1,'0012',NULL,NULL,0,'18618521705');
INSERT INTO people VALUES(14,'321283195011015794','张金春',1,'0028',NULL,NULL,0,'15860626647');
INSERT INTO people VALUES(15,'321283195506017249','高金香',1,'0028',NULL,NULL,0,NULL);
INSERT INTO people VALUES(16,'321281197506067744','张婷平',1,'0028',NULL,NULL,1,NULL);
INSERT INTO people VALUES(17,'321283197811037464','张莉婷',1,'0028',NULL,NULL,0,'15314769905');
INSERT INTO people VALUES(18,'321283195005230551','徐志道',1,'0043',NULL,NULL,0,'18852481984');
INSERT INTO people VALUES(19,'321283194802258384','赵芳',1,'0043',NULL,NULL,0,'13738197931');
INSERT INTO people VALUES(20,'321283198210232955','徐明刚',1,'0043',NULL,NULL,0,'18546252918');
INSERT INTO people VALUES(21,'32068219810220963X','范峰',1,'0050',NULL,NULL,0,NULL);
INSERT INTO people VALUES(22,'321283198504115228','李娟静',1,'0050',NULL,NULL,0,'18752705616');
INSERT INTO people VALUES(23,'321283195910125903','朱琴',1,'0050',NULL,NULL,0,'15874677756');
INSERT INTO people VALUES(24,'321283197009224254','徐飞',1,'0052',NULL,NULL,1,NULL);
INSERT INTO people VALUES(25,'321283196911174189','马洁',1,'0052',NULL,NULL,0,'18342179713');
INSERT INTO people VALUES(26,'321283199305166457','徐轩子',1,'0052',NULL,NULL,0,'18334697268');
INSERT INTO people VALUES(27,'321283196003175055','周洪志',1,'0056',NULL,NULL,0,'18005142633');
INSERT INTO people VALUES(28,'321283196507228640','何倩',1,'0056',NULL,NULL,0,'15815388509');
INSERT INTO people VALUES(29,'321283198310059790','张锋超',1,'0062',NULL,NULL,1,'15050972654');
INSERT INTO people VALUES(30,'320682198409041560','王萍霞',1,'0062',NULL,NULL,0,'15787057415');
INSERT INTO people VALUES(31,'321283196801147593','刘春斌',1,'0082',NULL,NULL,0,'15348176948');
INSERT INTO people VALUES(32,'321283196904022902','陈艳春',1,'0082',NULL,NULL,0,'13707090889');
INSERT INTO people VALUES(33,'321283196401143059','邱建泉',1,'0090',NULL,NULL,0,NULL);
INSERT INTO people VALUES(34,'321283197409026038','殷辉春',1,'0094',NULL,NULL,1,NULL);
INSERT INTO people VALUES(35,'321283197604092081','张洁',1,'0094',NULL,NULL,0,'15250134023');
INSERT INTO people VALUES(36,'321012194206151517','殷进富',1,'0094',NULL,NULL,0,'13066803562');
INSERT INTO people VALUES(37,'321283194212234921','韩月银',1,'0094',NULL,NULL,0,NULL);
INSERT INTO people VALUES(38,'321282200108167919','殷泽宸',1,'0094',NULL,NULL,0,'13882688099');
INSERT INTO people VALUES(39,'321283197508055678','王强',1,'0097',NULL,NULL,0,'18758414717');
INSERT INTO people VALUES(40,'321283197408158821','李敏玲',1,'0097',NULL,NULL,1,'18746154972');
INSERT INTO people VALUES(41,'321283199112023177','徐昊翔',1,'0106',NULL,NULL,1,'18355945219');
INSERT INTO people VALUES(42,'321283198007092547','梁丽玲',1,'0117',NULL,NULL,1,'13739156980');
INSERT INTO people VALUES(43,'321283194207298517','马忠国',1,'0121',NULL,NULL,1,'13230657417');
INSERT INTO people VALUES(44,'321283194310266724','黄淑桂',1,'0121',NULL,NULL,0,'18339757907');
INSERT INTO people VALUES(45,'321283197008315656','刘荣',1,'0301',NULL,NULL,1,'13696022063');
INSERT INTO people VALUES(46,'321282199204048439','徐宇昊',1,'0320',NULL,NULL,0,'13883497375');
INSERT INTO people VALUES(47,'321283198409265017','韩伟雷',1,'0391',NULL,NULL,0,'15129267765');
INSERT INTO people VALUES(48,'321283199012182648','李慧悦',1,'0416',NULL,NULL,1,'13836347123');
INSERT INTO people VALUES(49,'321283194612271676','徐庆国',1,'0422',NULL,NULL,0,'13205239453');
INSERT INTO people VALUES(50,'321283199101183781','徐蕾',1,'0425',NULL,NULL,1,NULL);
INSERT INTO people VALUES(51,'321283199409127233','李一鑫',1,'0431',NULL,NULL,0,'13536664178');
INSERT INTO people VALUES(52,'321283198006099421','张春萍',1,'0446',NULL,NULL,0,'15928110077');
INSERT INTO people VALUES(53,'321283198106171494','徐俊飞',1,'0492',NULL,NULL,0,'15714550112');
CREATE TABLE positions (
  id INTEGER PRIMARY KEY,
  village_id INTEGER NOT NULL REFERENCES villages(id),
  person_id INTEGER NOT NULL REFERENCES people(id),
  post TEXT NOT NULL,
  start_date TEXT NOT NULL,
  end_date TEXT,
  UNIQUE (village_id, person_id, post, start_date)
);
INSERT INTO positions VALUES(1,1,45,'书记','2021-02-07',NULL);
INSERT INTO positions VALUES(2,1,48,'副书记','2021-02-07',NULL);
INSERT INTO positions VALUES(3,1,50,'纪检委员','2021-02-07',NULL);
INSERT INTO positions VALUES(4,1,34,'主任','2021-03-07',NULL);
INSERT INTO positions VALUES(5,1,29,'委员','2021-03-07',NULL);
INSERT INTO positions VALUES(6,1,47,'委员','2021-03-07',NULL);
INSERT INTO positions VALUES(7,1,50,'委员','2021-03-07',NULL);
INSERT INTO positions VALUES(8,1,24,'监委会主任','2021-03-07',NULL);
INSERT INTO positions VALUES(9,1,42,'监委会委员','2021-03-07',NULL);
INSERT INTO positions VALUES(10,1,53,'监委会委员','2021-03-07',NULL);
CREATE TABLE relatives (
  id INTEGER PRIMARY KEY,
  village_id INTEGER NOT NULL REFERENCES villages(id),
  cadre_id INTEGER NOT NULL REFERENCES people(id),
  relative_id INTEGER NOT NULL REFERENCES people(id),
  relation TEXT NOT NULL,
  declared_date TEXT,
  UNIQUE (cadre_id, relative_id)
);
INSERT INTO relatives VALUES(1,1,24,25,'配偶','2024-01-12');
INSERT INTO relatives VALUES(2,1,24,49,'父母','2024-02-21');
INSERT INTO relatives VALUES(3,1,24,26,'子女','2024-02-10');
INSERT INTO relatives VALUES(4,1,24,43,'配偶父母','2024-01-14');
INSERT INTO relatives VALUES(5,1,24,44,'配偶父母','2024-01-07');
INSERT INTO relatives VALUES(6,1,29,30,'配偶','2024-01-15');
INSERT INTO relatives VALUES(7,1,29,52,'兄弟姐妹','2024-01-19');
INSERT INTO relatives VALUES(8,1,34,35,'配偶','2024-02-07');
INSERT INTO relatives VALUES(9,1,34,36,'父母','2024-03-01');
INSERT INTO relatives VALUES(10,1,34,38,'子女','2024-02-17');
CREATE TABLE archive_events (
  id INTEGER PRIMARY KEY,
  village_id INTEGER NOT NULL REFERENCES villages(id),
  person_id INTEGER NOT NULL REFERENCES people(id),
  kind TEXT NOT NULL CHECK (kind IN ('廉政承诺','述职述廉','谈心谈话','民主评议','廉政家访')),
  date TEXT NOT NULL,
  note TEXT,
  UNIQUE (village_id, person_id, kind, date)
);
INSERT INTO archive_events VALUES(1,1,34,'廉政承诺','2024-01-10',NULL);
INSERT INTO archive_events VALUES(2,1,41,'廉政承诺','2024-01-11',NULL);
INSERT INTO archive_events VALUES(3,1,48,'廉政承诺','2024-01-23',NULL);
INSERT INTO archive_events VALUES(4,1,42,'谈心谈话','2024-01-27','镇党委谈心谈话');
INSERT INTO archive_events VALUES(5,1,47,'廉政承诺','2024-02-08',NULL);
INSERT INTO archive_events VALUES(6,1,29,'廉政承诺','2024-02-15',NULL);
INSERT INTO archive_events VALUES(7,1,53,'廉政承诺','2024-02-18',NULL);
INSERT INTO archive_events VALUES(8,1,41,'谈心谈话','2024-02-26','镇纪委谈心谈话');
INSERT INTO archive_events VALUES(9,1,24,'廉政承诺','2024-02-28',NULL);
INSERT INTO archive_events VALUES(10,1,42,'廉政承诺','2024-03-02',NULL);
CREATE TABLE reserve_cadres (
  id INTEGER PRIMARY KEY,
  village_id INTEGER NOT NULL REFERENCES villages(id),
  person_id INTEGER NOT NULL REFERENCES people(id),
  added_date TEXT NOT NULL,
  reviewed_date TEXT,
  status TEXT NOT NULL DEFAULT '在库' CHECK (status IN ('在库','已任用','已退出')),
  note TEXT,
  UNIQUE (village_id, person_id)
);
CREATE TABLE assignments (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('片区纪委委员','勤廉督导员','村纪检委员','村监委会成员')),
  village_id INTEGER REFERENCES villages(id),
  district_id INTEGER REFERENCES districts(id),
  person_id INTEGER REFERENCES people(id),
  user_id INTEGER REFERENCES users(id),
  start_date TEXT NOT NULL,
  end_date TEXT
);
CREATE TABLE draws (
  id INTEGER PRIMARY KEY,
  township TEXT NOT NULL,
  title TEXT NOT NULL,
  targets TEXT NOT NULL,
  inspectors TEXT NOT NULL,
  n_targets INTEGER NOT NULL,
  n_inspectors INTEGER NOT NULL,
  seed_hash TEXT NOT NULL,
  announced_at TEXT NOT NULL,
  announced_by TEXT NOT NULL,
  seed TEXT,
  result TEXT,
  drawn_at TEXT,
  drawn_by TEXT
);
CREATE TABLE power_items (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL,
  version INTEGER NOT NULL,
  category TEXT NOT NULL CHECK (category IN ('集体管理','便民服务')),
  name TEXT NOT NULL,
  legal_basis TEXT NOT NULL,
  major INTEGER NOT NULL DEFAULT 0,
  prereview INTEGER NOT NULL DEFAULT 0,
  time_limit_days INTEGER,
  note TEXT,
  UNIQUE (code, version)
);
CREATE TABLE power_item_steps (
  id INTEGER PRIMARY KEY,
  item_id INTEGER NOT NULL REFERENCES power_items(id),
  seq INTEGER NOT NULL,
  name TEXT NOT NULL,
  role TEXT NOT NULL,
  documents TEXT,
  time_limit_days INTEGER,
  UNIQUE (item_id, seq)
);
CREATE TABLE power_settings (
  id INTEGER PRIMARY KEY,
  township TEXT NOT NULL UNIQUE,
  major_threshold_fen INTEGER NOT NULL,
  decision_threshold_fen INTEGER NOT NULL,
  publicity_days INTEGER NOT NULL,
  result_publish_days INTEGER NOT NULL
);
CREATE TABLE matters (
  id INTEGER PRIMARY KEY,
  village_id INTEGER NOT NULL REFERENCES villages(id),
  matter_no TEXT NOT NULL,
  title TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('重大','一般')),
  amount_fen INTEGER,
  proposed_date TEXT,
  item_id INTEGER REFERENCES power_items(id),
  UNIQUE (village_id, matter_no)
);
INSERT INTO matters VALUES(1,1,'2024-001','村道硬化工程','重大',NULL,'2024-02-04',NULL);
INSERT INTO matters VALUES(2,1,'2024-002','防汛物资采购','一般',847100,'2024-03-01',NULL);
INSERT INTO matters VALUES(3,1,'2024-003','村部办公用房维修改造','重大',7537000,'2024-03-11',NULL);
INSERT INTO matters VALUES(4,1,'2024-004','太阳能路灯安装工程','重大',30329000,'2024-04-21',NULL);
INSERT INTO matters VALUES(5,1,'2025-001','购置保洁车辆','重大',NULL,'2025-01-13',NULL);
INSERT INTO matters VALUES(6,1,'2025-002','老年活动室设备添置','一般',2009750,'2025-03-15',NULL);
CREATE TABLE matter_steps (
  id INTEGER PRIMARY KEY,
  village_id INTEGER NOT NULL REFERENCES villages(id),
  matter_id INTEGER NOT NULL REFERENCES matters(id),
  seq INTEGER NOT NULL,
  step TEXT NOT NULL,
  date TEXT NOT NULL,
  meeting TEXT,
  members INTEGER,
  attendees INTEGER,
  votes_for INTEGER,
  votes_against INTEGER,
  votes_abstain INTEGER,
  households INTEGER,
  households_present INTEGER,
  minutes TEXT,
  UNIQUE (matter_id, step)
);
CREATE TABLE power_blobs (
  id INTEGER PRIMARY KEY,
  sha256 TEXT NOT NULL UNIQUE,
  size INTEGER NOT NULL,
  content BLOB NOT NULL
);
CREATE TABLE matter_attachments (
  id INTEGER PRIMARY KEY,
  village_id INTEGER NOT NULL REFERENCES villages(id),
  step_id INTEGER NOT NULL REFERENCES matter_steps(id),
  name TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  size INTEGER NOT NULL
);
CREATE TABLE matter_filings (
  id INTEGER PRIMARY KEY,
  village_id INTEGER NOT NULL REFERENCES villages(id),
  matter_id INTEGER NOT NULL REFERENCES matters(id),
  kind TEXT NOT NULL CHECK (kind IN ('预报','预审')),
  filed_date TEXT NOT NULL,
  content TEXT NOT NULL,
  reply TEXT CHECK (reply IN ('同意','修改后同意','不同意')),
  reply_date TEXT,
  reply_text TEXT
);
CREATE TABLE inquiries (
  id INTEGER PRIMARY KEY,
  village_id INTEGER NOT NULL REFERENCES villages(id),
  matter_id INTEGER REFERENCES matters(id),
  asker_role TEXT NOT NULL,
  asker TEXT NOT NULL,
  question TEXT NOT NULL,
  asked_date TEXT NOT NULL,
  due_date TEXT NOT NULL,
  answer TEXT,
  answered_date TEXT
);
CREATE TABLE holidays (
  id INTEGER PRIMARY KEY,
  date TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL CHECK (kind IN ('holiday','workday','normal')),
  name TEXT NOT NULL
);
CREATE TABLE complaint_keys (
  id INTEGER PRIMARY KEY,
  public_key TEXT NOT NULL UNIQUE,
  fingerprint TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE TABLE complaints (
  id INTEGER PRIMARY KEY,
  village_id INTEGER NOT NULL REFERENCES villages(id),
  ref TEXT NOT NULL,
  track TEXT NOT NULL CHECK (track IN ('xinfang','jijian')),
  channel TEXT NOT NULL CHECK (channel IN ('来信','来访','电话','网络','其他')),
  anonymous INTEGER NOT NULL DEFAULT 0,
  category TEXT,
  subject TEXT NOT NULL,
  content TEXT,
  result TEXT,
  text_salt TEXT NOT NULL,
  text_digest TEXT NOT NULL,
  accused_person_id INTEGER REFERENCES people(id),
  key_id INTEGER REFERENCES complaint_keys(id),
  identity_box TEXT,
  receipt_hash TEXT UNIQUE,
  received_date TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('registered','accepted','rejected','transferred',
    'assigned','handling','concluded','replied','review_requested','reviewed',
    'recheck_requested','rechecked','closed')),
  decision TEXT CHECK (decision IN ('受理','不予受理','转办')),
  decision_date TEXT,
  accepted_date TEXT,
  handler_user_id INTEGER REFERENCES users(id),
  assigned_date TEXT,
  concluded_date TEXT,
  outcome TEXT CHECK (outcome IN ('属实','部分属实','不属实','其他')),
  replied_date TEXT,
  satisfaction TEXT CHECK (satisfaction IN ('满意','基本满意','不满意')),
  closed_date TEXT,
  due_code TEXT,
  due_date TEXT,
  extended INTEGER NOT NULL DEFAULT 0,
  escalated INTEGER NOT NULL DEFAULT 0,
  UNIQUE (village_id, ref)
);
CREATE TABLE complaint_actions (
  id INTEGER PRIMARY KEY,
  village_id INTEGER NOT NULL REFERENCES villages(id),
  complaint_id INTEGER NOT NULL REFERENCES complaints(id),
  action TEXT NOT NULL,
  from_state TEXT,
  to_state TEXT NOT NULL,
  date TEXT NOT NULL,
  user_id INTEGER REFERENCES users(id),
  to_public INTEGER NOT NULL DEFAULT 0,
  body TEXT,
  body_salt TEXT,
  body_digest TEXT
);
CREATE TABLE complaint_links (
  id INTEGER PRIMARY KEY,
  village_id INTEGER NOT NULL REFERENCES villages(id),
  complaint_id INTEGER NOT NULL REFERENCES complaints(id),
  other_id INTEGER NOT NULL REFERENCES complaints(id),
  kind TEXT NOT NULL CHECK (kind IN ('重复','相关')),
  UNIQUE (complaint_id, other_id)
);
CREATE TABLE complaint_extensions (
  id INTEGER PRIMARY KEY,
  village_id INTEGER NOT NULL REFERENCES villages(id),
  complaint_id INTEGER NOT NULL REFERENCES complaints(id),
  due_code TEXT NOT NULL,
  days INTEGER NOT NULL,
  old_due TEXT NOT NULL,
  new_due TEXT NOT NULL,
  reason TEXT NOT NULL,
  reason_salt TEXT NOT NULL,
  reason_digest TEXT NOT NULL,
  user_id INTEGER REFERENCES users(id),
  date TEXT NOT NULL,
  UNIQUE (complaint_id, due_code)
);
CREATE TABLE complaint_intake_rate (
  bucket TEXT NOT NULL,
  hour_key TEXT NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (bucket, hour_key)
);
CREATE TABLE rectifications (
  id INTEGER PRIMARY KEY,
  village_id INTEGER NOT NULL REFERENCES villages(id),
  ref TEXT NOT NULL,
  source TEXT NOT NULL CHECK (source IN ('巡察','审计','督查','信访','预警')),
  source_ref TEXT,
  problem TEXT NOT NULL,
  owner TEXT,
  owner_user_id INTEGER REFERENCES users(id),
  deadline TEXT NOT NULL,
  created_date TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('open','done','closed')),
  done_date TEXT,
  closed_date TEXT,
  closed_by INTEGER REFERENCES users(id),
  escalated INTEGER NOT NULL DEFAULT 0,
  UNIQUE (village_id, ref)
);
CREATE TABLE rect_tasks (
  id INTEGER PRIMARY KEY,
  village_id INTEGER NOT NULL REFERENCES villages(id),
  rectification_id INTEGER NOT NULL REFERENCES rectifications(id),
  measure TEXT NOT NULL,
  owner TEXT,
  deadline TEXT NOT NULL,
  done_date TEXT,
  note TEXT
);
CREATE TABLE rect_evidence (
  id INTEGER PRIMARY KEY,
  village_id INTEGER NOT NULL REFERENCES villages(id),
  rectification_id INTEGER NOT NULL REFERENCES rectifications(id),
  sha256 TEXT NOT NULL,
  filename TEXT NOT NULL,
  size INTEGER NOT NULL,
  uploaded_at TEXT NOT NULL,
  user_id INTEGER REFERENCES users(id),
  UNIQUE (rectification_id, sha256)
);
CREATE TABLE rect_files (
  sha256 TEXT PRIMARY KEY,
  size INTEGER NOT NULL,
  content BLOB NOT NULL
);
CREATE TABLE audits (
  id INTEGER PRIMARY KEY,
  village_id INTEGER NOT NULL REFERENCES villages(id),
  ref TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('年度','离任','专项')),
  topic TEXT,
  subject_person_id INTEGER REFERENCES people(id),
  period_from TEXT,
  period_to TEXT,
  planned_date TEXT,
  auditor TEXT,
  report_date TEXT,
  summary TEXT,
  findings INTEGER,
  UNIQUE (village_id, ref)
);
CREATE TABLE audit_findings (
  id INTEGER PRIMARY KEY,
  village_id INTEGER NOT NULL REFERENCES villages(id),
  audit_id INTEGER NOT NULL REFERENCES audits(id),
  seq INTEGER NOT NULL,
  description TEXT NOT NULL,
  amount_fen INTEGER,
  rectification_id INTEGER REFERENCES rectifications(id),
  UNIQUE (audit_id, seq)
);
CREATE TABLE discipline_cases (
  id INTEGER PRIMARY KEY,
  village_id INTEGER NOT NULL REFERENCES villages(id),
  ref TEXT NOT NULL,
  person_id INTEGER NOT NULL REFERENCES people(id),
  form INTEGER NOT NULL CHECK (form BETWEEN 1 AND 4),
  kind TEXT NOT NULL,
  opened_date TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('open','decided','revoked')),
  decided_date TEXT,
  outcome TEXT,
  complaint_id INTEGER REFERENCES complaints(id),
  note TEXT,
  UNIQUE (village_id, ref)
);
CREATE TABLE book_accounts (
  id INTEGER PRIMARY KEY,
  chart TEXT NOT NULL,
  village_id INTEGER REFERENCES villages(id),
  code TEXT NOT NULL,
  name TEXT NOT NULL,
  parent_code TEXT,
  direction TEXT NOT NULL CHECK (direction IN ('借','贷')),
  category TEXT NOT NULL,
  tags TEXT NOT NULL DEFAULT ''
);
INSERT INTO book_accounts VALUES(1,'2024',NULL,'101','库存现金',NULL,'借','资产','cash');
INSERT INTO book_accounts VALUES(2,'2024',NULL,'102','银行存款',NULL,'借','资产','bank');
INSERT INTO book_accounts VALUES(3,'2024',NULL,'111','短期投资',NULL,'借','资产','');
INSERT INTO book_accounts VALUES(4,'2024',NULL,'112','应收款',NULL,'借','资产','receivable');
INSERT INTO book_accounts VALUES(5,'2024',NULL,'113','内部往来',NULL,'借','资产','');
INSERT INTO book_accounts VALUES(6,'2024',NULL,'121','库存物资',NULL,'借','资产','');
INSERT INTO book_accounts VALUES(7,'2024',NULL,'131','消耗性生物资产',NULL,'借','资产','');
INSERT INTO book_accounts VALUES(8,'2024',NULL,'132','生产性生物资产',NULL,'借','资产','');
INSERT INTO book_accounts VALUES(9,'2024',NULL,'133','生产性生物资产累计折旧',NULL,'贷','资产','');
INSERT INTO book_accounts VALUES(10,'2024',NULL,'134','公益性生物资产',NULL,'借','资产','');
INSERT INTO book_accounts VALUES(11,'2024',NULL,'141','长期投资',NULL,'借','资产','');
INSERT INTO book_accounts VALUES(12,'2024',NULL,'151','固定资产',NULL,'借','资产','');
INSERT INTO book_accounts VALUES(13,'2024',NULL,'152','累计折旧',NULL,'贷','资产','');
INSERT INTO book_accounts VALUES(14,'2024',NULL,'153','在建工程',NULL,'借','资产','');
INSERT INTO book_accounts VALUES(15,'2024',NULL,'154','固定资产清理',NULL,'借','资产','');
INSERT INTO book_accounts VALUES(16,'2024',NULL,'161','无形资产',NULL,'借','资产','');
INSERT INTO book_accounts VALUES(17,'2024',NULL,'162','累计摊销',NULL,'贷','资产','');
INSERT INTO book_accounts VALUES(18,'2024',NULL,'171','长期待摊费用',NULL,'借','资产','');
INSERT INTO book_accounts VALUES(19,'2024',NULL,'181','待处理财产损溢',NULL,'借','资产','');
INSERT INTO book_accounts VALUES(20,'2024',NULL,'201','短期借款',NULL,'贷','负债','');
INSERT INTO book_accounts VALUES(21,'2024',NULL,'211','应付款',NULL,'贷','负债','');
INSERT INTO book_accounts VALUES(22,'2024',NULL,'212','应付工资',NULL,'贷','负债','payroll');
INSERT INTO book_accounts VALUES(23,'2024',NULL,'213','应付劳务费',NULL,'贷','负债','payroll');
INSERT INTO book_accounts VALUES(24,'2024',NULL,'214','应交税费',NULL,'贷','负债','');
INSERT INTO book_accounts VALUES(25,'2024',NULL,'221','长期借款及应付款',NULL,'贷','负债','');
INSERT INTO book_accounts VALUES(26,'2024',NULL,'231','一事一议资金',NULL,'贷','负债','');
INSERT INTO book_accounts VALUES(27,'2024',NULL,'241','专项应付款',NULL,'贷','负债','');
INSERT INTO book_accounts VALUES(28,'2024',NULL,'301','资本',NULL,'贷','权益','');
INSERT INTO book_accounts VALUES(29,'2024',NULL,'311','公积公益金',NULL,'贷','权益','');
INSERT INTO book_accounts VALUES(30,'2024',NULL,'321','本年收益',NULL,'贷','权益','');
INSERT INTO book_accounts VALUES(31,'2024',NULL,'322','收益分配',NULL,'贷','权益','');
INSERT INTO book_accounts VALUES(32,'2024',NULL,'401','生产(劳务)成本',NULL,'借','成本','');
INSERT INTO book_accounts VALUES(33,'2024',NULL,'501','经营收入',NULL,'贷','损益','income');
INSERT INTO book_accounts VALUES(34,'2024',NULL,'502','投资收益',NULL,'贷','损益','income');
INSERT INTO book_accounts VALUES(35,'2024',NULL,'503','补助收入',NULL,'贷','损益','income');
INSERT INTO book_accounts VALUES(36,'2024',NULL,'504','其他收入',NULL,'贷','损益','income');
INSERT INTO book_accounts VALUES(37,'2024',NULL,'511','经营支出',NULL,'借','损益','expense');
INSERT INTO book_accounts VALUES(38,'2024',NULL,'512','税金及附加',NULL,'借','损益','expense');
INSERT INTO book_accounts VALUES(39,'2024',NULL,'513','管理费用',NULL,'借','损益','expense');
INSERT INTO book_accounts VALUES(40,'2024',NULL,'51301','管理人员报酬','513','借','损益','expense');
INSERT INTO book_accounts VALUES(41,'2024',NULL,'51302','办公费','513','借','损益','expense');
INSERT INTO book_accounts VALUES(42,'2024',NULL,'51303','差旅费','513','借','损益','expense nonproductive');
INSERT INTO book_accounts VALUES(43,'2024',NULL,'51304','招待费','513','借','损益','expense nonproductive');
INSERT INTO book_accounts VALUES(44,'2024',NULL,'51305','会议费','513','借','损益','expense nonproductive');
INSERT INTO book_accounts VALUES(45,'2024',NULL,'51306','车辆费用','513','借','损益','expense nonproductive');
INSERT INTO book_accounts VALUES(46,'2024',NULL,'51307','通讯费','513','借','损益','expense nonproductive');
INSERT INTO book_accounts VALUES(47,'2024',NULL,'51308','报刊费','513','借','损益','expense nonproductive');
INSERT INTO book_accounts VALUES(48,'2024',NULL,'51309','水电费','513','借','损益','expense');
INSERT INTO book_accounts VALUES(49,'2024',NULL,'51310','修理费','513','借','损益','expense');
INSERT INTO book_accounts VALUES(50,'2024',NULL,'51311','折旧及摊销','513','借','损益','expense');
INSERT INTO book_accounts VALUES(51,'2024',NULL,'51399','其他管理费用','513','借','损益','expense');
INSERT INTO book_accounts VALUES(52,'2024',NULL,'514','公益支出',NULL,'借','损益','expense');
INSERT INTO book_accounts VALUES(53,'2024',NULL,'515','其他支出',NULL,'借','损益','expense');
INSERT INTO book_accounts VALUES(54,'2024',NULL,'521','所得税费用',NULL,'借','损益','expense');
INSERT INTO book_accounts VALUES(55,'2024',1,'10201','农商银行基本户','102','借','资产','bank');
INSERT INTO book_accounts VALUES(56,'2024',1,'50101','资源发包收入','501','贷','损益','income');
INSERT INTO book_accounts VALUES(57,'2024',1,'50102','资产租赁收入','501','贷','损益','income');
CREATE TABLE book_vouchers (
  id INTEGER PRIMARY KEY,
  village_id INTEGER NOT NULL REFERENCES villages(id),
  year INTEGER NOT NULL,
  seq INTEGER NOT NULL,
  voucher_no TEXT NOT NULL,
  date TEXT NOT NULL,
  summary TEXT NOT NULL,
  source TEXT NOT NULL CHECK (source IN ('录入','导入','冲销','结转')),
  status TEXT NOT NULL CHECK (status IN ('draft','pending','rejected','approved','posted','void')),
  steps_done INTEGER NOT NULL DEFAULT 0,
  round INTEGER NOT NULL DEFAULT 0,
  maker_id INTEGER,
  maker TEXT,
  pay_method TEXT CHECK (pay_method IN ('现金','转账','其他')),
  handler TEXT,
  approver TEXT,
  entered_at TEXT,
  matter_no TEXT,
  project_no TEXT,
  contract_no TEXT,
  reverses_id INTEGER REFERENCES book_vouchers(id),
  total_fen INTEGER NOT NULL,
  posted_at TEXT,
  posted_by TEXT,
  UNIQUE (village_id, voucher_no),
  UNIQUE (village_id, year, seq)
);
CREATE TABLE book_lines (
  id INTEGER PRIMARY KEY,
  village_id INTEGER NOT NULL REFERENCES villages(id),
  voucher_id INTEGER NOT NULL REFERENCES book_vouchers(id),
  line_no INTEGER NOT NULL,
  account_id INTEGER NOT NULL REFERENCES book_accounts(id),
  summary TEXT NOT NULL,
  debit_fen INTEGER NOT NULL,
  credit_fen INTEGER NOT NULL,
  counterparty TEXT,
  counterparty_id TEXT,
  bank_account TEXT,
  UNIQUE (voucher_id, line_no)
);
CREATE TABLE book_approvals (
  id INTEGER PRIMARY KEY,
  village_id INTEGER NOT NULL REFERENCES villages(id),
  voucher_id INTEGER NOT NULL REFERENCES book_vouchers(id),
  round INTEGER NOT NULL,
  step INTEGER NOT NULL,
  step_name TEXT NOT NULL,
  decision TEXT NOT NULL CHECK (decision IN ('同意','退回')),
  user_id INTEGER NOT NULL REFERENCES users(id),
  user_name TEXT NOT NULL,
  role TEXT NOT NULL,
  comment TEXT,
  at TEXT NOT NULL
);
CREATE TABLE book_blobs (
  sha256 TEXT PRIMARY KEY,
  size INTEGER NOT NULL,
  content BLOB NOT NULL
);
CREATE TABLE book_attachments (
  id INTEGER PRIMARY KEY,
  village_id INTEGER NOT NULL REFERENCES villages(id),
  voucher_id INTEGER NOT NULL REFERENCES book_vouchers(id),
  sha256 TEXT NOT NULL REFERENCES book_blobs(sha256),
  filename TEXT NOT NULL,
  mime TEXT NOT NULL,
  size INTEGER NOT NULL,
  added_by TEXT NOT NULL,
  added_at TEXT NOT NULL
);
CREATE TABLE book_periods (
  id INTEGER PRIMARY KEY,
  village_id INTEGER NOT NULL REFERENCES villages(id),
  period TEXT NOT NULL,
  closed_at TEXT NOT NULL,
  closed_by TEXT NOT NULL,
  UNIQUE (village_id, period)
);
CREATE TABLE book_balances (
  village_id INTEGER NOT NULL,
  account_id INTEGER NOT NULL,
  period TEXT NOT NULL,
  carry INTEGER NOT NULL,
  debit_fen INTEGER NOT NULL,
  credit_fen INTEGER NOT NULL,
  PRIMARY KEY (village_id, account_id, period, carry)
);
CREATE TABLE book_seq (
  village_id INTEGER NOT NULL,
  year INTEGER NOT NULL,
  last_seq INTEGER NOT NULL,
  PRIMARY KEY (village_id, year)
);
CREATE TABLE assets (
  id INTEGER PRIMARY KEY,
  village_id INTEGER NOT NULL REFERENCES villages(id),
  asset_no TEXT NOT NULL,
  name TEXT NOT NULL,
  category TEXT,
  acquired_date TEXT NOT NULL,
  original_value_fen INTEGER NOT NULL CHECK (original_value_fen >= 50000),
  useful_life_months INTEGER NOT NULL CHECK (useful_life_months > 12),
  salvage_fen INTEGER NOT NULL DEFAULT 0 CHECK (salvage_fen >= 0),
  location TEXT,
  status TEXT NOT NULL CHECK (status IN ('在用','出租','闲置','处置')),
  disposed_date TEXT,
  UNIQUE (village_id, asset_no)
);
INSERT INTO assets VALUES(1,1,'ZC-001','村部办公楼','房屋及建筑物','2015-11-07',119718600,240,0,'村部','在用',NULL);
INSERT INTO assets VALUES(2,1,'ZC-002','集体厂房','房屋及建筑物','2007-09-23',43791000,240,0,'村部','出租',NULL);
INSERT INTO assets VALUES(3,1,'ZC-003','保洁车','车辆','2025-03-07',12047100,48,0,'村部','在用',NULL);
INSERT INTO assets VALUES(4,1,'ZC-004','办公电脑','电子设备','2015-05-10',773100,36,0,'村部','在用',NULL);
INSERT INTO assets VALUES(5,1,'ZC-005','小型农机','机器设备','2023-08-24',4121300,120,0,'村部','在用',NULL);
CREATE TABLE resources (
  id INTEGER PRIMARY KEY,
  village_id INTEGER NOT NULL REFERENCES villages(id),
  resource_no TEXT NOT NULL,
  name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('耕地','林地','园地','水面','四荒地','建设用地','其他')),
  area_mu_x100 INTEGER NOT NULL CHECK (area_mu_x100 >= 0),
  location TEXT,
  UNIQUE (village_id, resource_no)
);
INSERT INTO resources VALUES(1,1,'ZY-001','十组承包地','耕地',129130,'十组承包地');
INSERT INTO resources VALUES(2,1,'ZY-002','三组承包地','耕地',91580,'三组承包地');
INSERT INTO resources VALUES(3,1,'ZY-003','二组承包地','耕地',177310,'二组承包地');
INSERT INTO resources VALUES(4,1,'ZY-004','四组承包地','耕地',227290,'四组承包地');
INSERT INTO resources VALUES(5,1,'ZY-005','一组承包地','耕地',161290,'一组承包地');
INSERT INTO resources VALUES(6,1,'ZY-006','八组承包地','耕地',32620,'八组承包地');
INSERT INTO resources VALUES(7,1,'ZY-007','五组林地','林地',105520,'五组林地');
INSERT INTO resources VALUES(8,1,'ZY-008','八组果园','园地',18550,'八组果园');
INSERT INTO resources VALUES(9,1,'ZY-009','九组鱼塘','水面',27280,'九组鱼塘');
INSERT INTO resources VALUES(10,1,'ZY-010','三组集体建设用地','建设用地',4420,'三组集体建设用地');
INSERT INTO resources VALUES(11,1,'ZY-011','五组荒地','四荒地',16950,'五组荒地');
CREATE TABLE contracts (
  id INTEGER PRIMARY KEY,
  village_id INTEGER NOT NULL REFERENCES villages(id),
  contract_no TEXT NOT NULL,
  subject_no TEXT NOT NULL,
  counterparty TEXT NOT NULL,
  counterparty_id TEXT,
  sign_date TEXT NOT NULL,
  start_date TEXT NOT NULL,
  end_date TEXT NOT NULL,
  annual_rent_fen INTEGER NOT NULL CHECK (annual_rent_fen >= 0),
  area_mu_x100 INTEGER,
  trade_no TEXT,
  matter_no TEXT,
  original_end_date TEXT,
  terminate_reason TEXT,
  CHECK (end_date >= start_date),
  UNIQUE (village_id, contract_no)
);
INSERT INTO contracts VALUES(1,1,'HT2023-001','ZY-001','林鹏','321283198112289296','2023-08-05','2023-08-22','2026-08-21',109098000,129130,'JY2023-01',NULL,NULL,NULL);
INSERT INTO contracts VALUES(2,1,'HT2022-002','ZY-002','邵坚雷','321283197407280331','2022-11-16','2022-12-02','2025-12-01',70663600,91580,'JY2022-02',NULL,NULL,NULL);
INSERT INTO contracts VALUES(3,1,'HT2023-003','ZY-003','何倩','321283196507228640','2023-04-23','2023-05-14','2027-05-13',144552400,177310,'JY2023-03',NULL,NULL,NULL);
INSERT INTO contracts VALUES(4,1,'HT2022-004','ZY-004','张婷颖','32128319910806526X','2022-06-12','2022-07-07','2027-07-06',164040700,227290,'JY2022-04',NULL,NULL,NULL);
INSERT INTO contracts VALUES(5,1,'HT2021-005','ZY-005','张卫平','321283196604261493','2021-10-31','2021-11-24','2025-11-23',128475000,161290,'JY2021-05',NULL,NULL,NULL);
INSERT INTO contracts VALUES(6,1,'HT2025-006','ZY-005','林珍娣','321012195810183982','2025-11-18','2025-11-24','2029-11-23',115149800,161290,'JY2025-06',NULL,NULL,NULL);
INSERT INTO contracts VALUES(7,1,'HT2023-007','ZY-006','泰兴市永盛农业发展有限公司','91321283MACHPMY9MM','2023-06-19','2023-07-03','2028-07-02',24839200,32620,'JY2023-07',NULL,NULL,NULL);
INSERT INTO contracts VALUES(8,1,'HT2023-008','ZY-007','谭琴','321283197601220842','2022-12-16','2023-01-12','2037-01-11',11404200,105520,'JY2022-08',NULL,NULL,NULL);
INSERT INTO contracts VALUES(9,1,'HT2023-009','ZY-008','林鹏','321283198112289296','2023-11-08','2023-11-21','2033-11-20',18836900,18550,'JY2023-09',NULL,NULL,NULL);
INSERT INTO contracts VALUES(10,1,'HT2023-010','ZY-009','王强','321283197508055678','2023-02-23','2023-03-15','2028-03-14',30066800,27280,'JY2023-10',NULL,NULL,NULL);
CREATE TABLE contract_bills (
  id INTEGER PRIMARY KEY,
  village_id INTEGER NOT NULL REFERENCES villages(id),
  contract_id INTEGER NOT NULL REFERENCES contracts(id),
  due_date TEXT NOT NULL,
  amount_due_fen INTEGER NOT NULL CHECK (amount_due_fen >= 0),
  paid_date TEXT,
  amount_paid_fen INTEGER NOT NULL DEFAULT 0 CHECK (amount_paid_fen >= 0),
  UNIQUE (contract_id, due_date)
);
CREATE TABLE bill_payments (
  id INTEGER PRIMARY KEY,
  village_id INTEGER NOT NULL REFERENCES villages(id),
  bill_id INTEGER NOT NULL REFERENCES contract_bills(id),
  date TEXT NOT NULL,
  amount_fen INTEGER NOT NULL CHECK (amount_fen > 0),
  voucher_no TEXT,
  note TEXT,
  recorded_by TEXT NOT NULL
);
CREATE TABLE trade_settings (
  id INTEGER PRIMARY KEY,
  township TEXT NOT NULL UNIQUE,
  trade_threshold_fen INTEGER NOT NULL CHECK (trade_threshold_fen > 0),
  bidding_threshold_fen INTEGER NOT NULL CHECK (bidding_threshold_fen > 0)
);
CREATE TABLE trades (
  id INTEGER PRIMARY KEY,
  village_id INTEGER NOT NULL REFERENCES villages(id),
  trade_no TEXT NOT NULL,
  subject_no TEXT NOT NULL,
  term_years INTEGER,
  area_mu_x100 INTEGER,
  listed_date TEXT NOT NULL,
  closing_date TEXT NOT NULL,
  reserve_price_fen INTEGER NOT NULL CHECK (reserve_price_fen >= 0),
  announcement TEXT,
  matter_no TEXT,
  status TEXT NOT NULL CHECK (status IN ('挂牌','成交','流拍')),
  award_date TEXT,
  final_price_fen INTEGER,
  winner TEXT,
  winner_id TEXT,
  CHECK (closing_date >= listed_date),
  UNIQUE (village_id, trade_no)
);
CREATE TABLE project_bundles (
  id INTEGER PRIMARY KEY,
  village_id INTEGER NOT NULL REFERENCES villages(id),
  bundle_no TEXT NOT NULL,
  name TEXT NOT NULL,
  created_date TEXT NOT NULL,
  opened_date TEXT,
  UNIQUE (village_id, bundle_no)
);
CREATE TABLE projects (
  id INTEGER PRIMARY KEY,
  village_id INTEGER NOT NULL REFERENCES villages(id),
  project_no TEXT NOT NULL,
  name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('工程','货物','服务')),
  budget_fen INTEGER NOT NULL CHECK (budget_fen >= 0),
  procurement TEXT NOT NULL CHECK (procurement IN ('打包竞价','公开招标','竞争性比选','直接委托')),
  matter_no TEXT,
  registered_date TEXT,
  review_date TEXT,
  review_result TEXT CHECK (review_result IN ('通过','不通过')),
  review_opinion TEXT,
  approved_date TEXT,
  announced_date TEXT,
  announcement TEXT,
  bid_date TEXT,
  contract_date TEXT,
  start_date TEXT,
  accepted_date TEXT,
  acceptance_note TEXT,
  contractor TEXT,
  contractor_id TEXT,
  contract_amount_fen INTEGER,
  bundle_id INTEGER REFERENCES project_bundles(id),
  UNIQUE (village_id, project_no)
);
CREATE TABLE bids (
  id INTEGER PRIMARY KEY,
  village_id INTEGER NOT NULL REFERENCES villages(id),
  ref_no TEXT NOT NULL,
  bundle_id INTEGER REFERENCES project_bundles(id),
  bidder TEXT NOT NULL,
  bidder_id TEXT NOT NULL,
  price_fen INTEGER NOT NULL CHECK (price_fen >= 0),
  bid_date TEXT,
  winner INTEGER NOT NULL DEFAULT 0,
  UNIQUE (village_id, ref_no, bidder_id)
);
CREATE TABLE disclosure_catalogue (
  id INTEGER PRIMARY KEY,
  township TEXT NOT NULL,
  item_code TEXT NOT NULL,
  category TEXT NOT NULL CHECK (category IN ('党务','村务','财务')),
  name TEXT NOT NULL,
  frequency TEXT NOT NULL CHECK (frequency IN ('monthly','quarterly','annual','event')),
  deadline_days INTEGER NOT NULL,
  basis TEXT,
  active INTEGER NOT NULL DEFAULT 1,
  UNIQUE (township, item_code)
);
CREATE TABLE disclosures (
  id INTEGER PRIMARY KEY,
  village_id INTEGER NOT NULL REFERENCES villages(id),
  item_code TEXT NOT NULL,
  category TEXT NOT NULL,
  period TEXT NOT NULL,
  period_start TEXT NOT NULL,
  period_end TEXT NOT NULL,
  title TEXT NOT NULL,
  body TEXT,
  total_income_fen INTEGER,
  total_expense_fen INTEGER,
  status TEXT NOT NULL CHECK (status IN ('draft','review','approved','rejected','published','withdrawn')),
  source TEXT NOT NULL CHECK (source IN ('录入','导入','账务生成')),
  corrects_id INTEGER REFERENCES disclosures(id),
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  submitted_at TEXT,
  reviewed_by TEXT,
  reviewed_at TEXT,
  review_comment TEXT,
  published_date TEXT,
  retain_until TEXT,
  published_by TEXT
);
INSERT INTO disclosures VALUES(1,1,'CZ-01','财务','2024-01','2024-01-01','2024-01-31','新合村2024年1月财务收支明细（逐项逐笔）',NULL,NULL,NULL,'published','导入',NULL,'导入','2026-11-27T12:43:38.743381Z',NULL,NULL,NULL,NULL,'2024-02-09','2024-02-14','导入');
INSERT INTO disclosures VALUES(2,1,'CZ-01','财务','2024-02','2024-02-01','2024-02-29','新合村2024年2月财务收支明细（逐项逐笔）',NULL,NULL,NULL,'published','导入',NULL,'导入','2026-11-27T12:43:38.743381Z',NULL,NULL,NULL,NULL,'2024-03-01','2024-03-06','导入');
INSERT INTO disclosures VALUES(3,1,'CZ-01','财务','2024-03','2024-03-01','2024-03-31','新合村2024年3月财务收支明细（逐项逐笔）',NULL,NULL,NULL,'published','导入',NULL,'导入','2026-11-27T12:43:38.743381Z',NULL,NULL,NULL,NULL,'2024-04-23','2024-04-28','导入');
INSERT INTO disclosures VALUES(4,1,'CZ-01','财务','2024-04','2024-04-01','2024-04-30','新合村2024年4月财务收支明细（逐项逐笔）',NULL,NULL,NULL,'published','导入',NULL,'导入','2026-11-27T12:43:38.743381Z',NULL,NULL,NULL,NULL,'2024-05-05','2024-05-10','导入');
INSERT INTO disclosures VALUES(5,1,'CZ-01','财务','2024-05','2024-05-01','2024-05-31','新合村2024年5月财务收支明细（逐项逐笔）',NULL,NULL,NULL,'published','导入',NULL,'导入','2026-11-27T12:43:38.743381Z',NULL,NULL,NULL,NULL,'2024-06-08','2024-06-13','导入');
INSERT INTO disclosures VALUES(6,1,'CZ-01','财务','2024-07','2024-07-01','2024-07-31','新合村2024年7月财务收支明细（逐项逐笔）',NULL,NULL,NULL,'published','导入',NULL,'导入','2026-11-27T12:43:38.743381Z',NULL,NULL,NULL,NULL,'2024-08-10','2024-08-15','导入');
INSERT INTO disclosures VALUES(7,1,'CZ-01','财务','2024-08','2024-08-01','2024-08-31','新合村2024年8月财务收支明细（逐项逐笔）',NULL,NULL,NULL,'published','导入',NULL,'导入','2026-11-27T12:43:38.743381Z',NULL,NULL,NULL,NULL,'2024-09-30','2024-10-05','导入');
INSERT INTO disclosures VALUES(8,1,'CZ-01','财务','2024-09','2024-09-01','2024-09-30','新合村2024年9月财务收支明细（逐项逐笔）',NULL,NULL,NULL,'published','导入',NULL,'导入','2026-11-27T12:43:38.743381Z',NULL,NULL,NULL,NULL,'2024-10-01','2024-10-06','导入');
INSERT INTO disclosures VALUES(9,1,'CZ-01','财务','2024-10','2024-10-01','2024-10-31','新合村2024年10月财务收支明细（逐项逐笔）',NULL,NULL,NULL,'published','导入',NULL,'导入','2026-11-27T12:43:38.743381Z',NULL,NULL,NULL,NULL,'2024-11-02','2024-11-07','导入');
INSERT INTO disclosures VALUES(10,1,'CZ-01','财务','2024-11','2024-11-01','2024-11-30','新合村2024年11月财务收支明细（逐项逐笔）',NULL,NULL,NULL,'published','导入',NULL,'导入','2026-11-27T12:43:38.743381Z',NULL,NULL,NULL,NULL,'2024-12-01','2024-12-06','导入');
CREATE TABLE disclosure_lines (
  id INTEGER PRIMARY KEY,
  village_id INTEGER NOT NULL REFERENCES villages(id),
  disclosure_id INTEGER NOT NULL REFERENCES disclosures(id),
  line_no INTEGER NOT NULL,
  date TEXT NOT NULL,
  summary TEXT NOT NULL,
  income_fen INTEGER NOT NULL,
  expense_fen INTEGER NOT NULL,
  UNIQUE (disclosure_id, line_no)
);
CREATE TABLE disclosure_objections (
  id INTEGER PRIMARY KEY,
  village_id INTEGER NOT NULL REFERENCES villages(id),
  disclosure_id INTEGER NOT NULL REFERENCES disclosures(id),
  ref TEXT NOT NULL UNIQUE,
  received_date TEXT NOT NULL,
  content TEXT NOT NULL,
  due_date TEXT NOT NULL,
  reply TEXT,
  replied_date TEXT,
  replied_by TEXT
);
CREATE TABLE subsidy_programmes (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  department TEXT,
  note TEXT
);
INSERT INTO subsidy_programmes VALUES(1,'最低生活保障金',NULL,NULL);
INSERT INTO subsidy_programmes VALUES(2,'特困人员供养金',NULL,NULL);
INSERT INTO subsidy_programmes VALUES(3,'高龄津贴',NULL,NULL);
INSERT INTO subsidy_programmes VALUES(4,'耕地地力保护补贴',NULL,NULL);
CREATE TABLE subsidy_standards (
  id INTEGER PRIMARY KEY,
  programme_id INTEGER NOT NULL REFERENCES subsidy_programmes(id),
  year INTEGER NOT NULL,
  max_amount_fen INTEGER NOT NULL,
  UNIQUE (programme_id, year)
);
INSERT INTO subsidy_standards VALUES(1,1,2024,60000);
INSERT INTO subsidy_standards VALUES(2,1,2025,63000);
INSERT INTO subsidy_standards VALUES(3,2,2024,90000);
INSERT INTO subsidy_standards VALUES(4,2,2025,94000);
INSERT INTO subsidy_standards VALUES(5,3,2024,10000);
INSERT INTO subsidy_standards VALUES(6,3,2025,10000);
INSERT INTO subsidy_standards VALUES(7,4,2024,150000);
INSERT INTO subsidy_standards VALUES(8,4,2025,155000);
CREATE TABLE subsidy_payments (
  id INTEGER PRIMARY KEY,
  village_id INTEGER NOT NULL REFERENCES villages(id),
  programme_id INTEGER NOT NULL REFERENCES subsidy_programmes(id),
  person_id INTEGER NOT NULL REFERENCES people(id),
  name TEXT NOT NULL,
  period TEXT NOT NULL,
  amount_fen INTEGER NOT NULL,
  paid_date TEXT,
  bank_account TEXT,
  UNIQUE (village_id, programme_id, person_id, period)
);
INSERT INTO subsidy_payments VALUES(1,1,1,46,'徐宇昊','2025-10',56500,'2025-10-15','6228000000000000115');
INSERT INTO subsidy_payments VALUES(2,1,1,46,'徐宇昊','2025-11',61100,'2025-11-15','6228000000000000115');
INSERT INTO subsidy_payments VALUES(3,1,1,46,'徐宇昊','2025-12',53500,'2025-12-15','6228000000000000115');
INSERT INTO subsidy_payments VALUES(4,1,1,13,'吴正华','2025-08',62300,'2025-08-15','6228000000000000012');
INSERT INTO subsidy_payments VALUES(5,1,1,13,'吴正华','2025-09',55000,'2025-09-15','6228000000000000012');
INSERT INTO subsidy_payments VALUES(6,1,1,13,'吴正华','2025-10',56200,'2025-10-15','6228000000000000012');
INSERT INTO subsidy_payments VALUES(7,1,1,13,'吴正华','2025-11',60300,'2025-11-15','6228000000000000012');
INSERT INTO subsidy_payments VALUES(8,1,1,13,'吴正华','2025-12',61100,'2025-12-15','6228000000000000012');
INSERT INTO subsidy_payments VALUES(9,1,1,51,'李一鑫','2025-02',52400,'2025-02-15','6228000000000000156');
INSERT INTO subsidy_payments VALUES(10,1,1,51,'李一鑫','2025-03',62800,'2025-03-15','6228000000000000156');
CREATE TABLE plan_measures (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  part TEXT NOT NULL,
  name TEXT NOT NULL,
  summary TEXT NOT NULL,
  units TEXT NOT NULL,
  start_month TEXT NOT NULL,
  end_month TEXT NOT NULL
);
CREATE TABLE plan_tasks (
  id INTEGER PRIMARY KEY,
  village_id INTEGER REFERENCES villages(id),
  measure_id INTEGER NOT NULL REFERENCES plan_measures(id),
  year INTEGER NOT NULL,
  title TEXT NOT NULL,
  unit TEXT NOT NULL,
  due_date TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('open','done')),
  percent INTEGER NOT NULL DEFAULT 0,
  done_date TEXT,
  created_date TEXT NOT NULL
);
CREATE TABLE plan_milestones (
  id INTEGER PRIMARY KEY,
  village_id INTEGER REFERENCES villages(id),
  task_id INTEGER NOT NULL REFERENCES plan_tasks(id),
  title TEXT NOT NULL,
  due_date TEXT NOT NULL,
  done_date TEXT
);
CREATE TABLE plan_notes (
  id INTEGER PRIMARY KEY,
  village_id INTEGER REFERENCES villages(id),
  task_id INTEGER NOT NULL REFERENCES plan_tasks(id),
  date TEXT NOT NULL,
  percent INTEGER NOT NULL CHECK (percent BETWEEN 0 AND 100),
  note TEXT NOT NULL,
  user_id INTEGER REFERENCES users(id)
);
CREATE TABLE plan_evidence (
  id INTEGER PRIMARY KEY,
  village_id INTEGER REFERENCES villages(id),
  task_id INTEGER NOT NULL REFERENCES plan_tasks(id),
  sha256 TEXT NOT NULL,
  filename TEXT NOT NULL,
  size INTEGER NOT NULL,
  uploaded_at TEXT NOT NULL,
  user_id INTEGER REFERENCES users(id),
  UNIQUE (task_id, sha256)
);
CREATE TABLE plan_files (
  sha256 TEXT PRIMARY KEY,
  size INTEGER NOT NULL,
  content BLOB NOT NULL
);
CREATE TABLE edu_cases (
  id INTEGER PRIMARY KEY,
  village_id INTEGER REFERENCES villages(id),
  title TEXT NOT NULL,
  year INTEGER NOT NULL,
  category TEXT NOT NULL,
  summary TEXT NOT NULL,
  lesson TEXT,
  source TEXT,
  created_date TEXT NOT NULL,
  UNIQUE (title, year)
);
CREATE TABLE edu_activities (
  id INTEGER PRIMARY KEY,
  village_id INTEGER NOT NULL REFERENCES villages(id),
  kind TEXT NOT NULL,
  title TEXT NOT NULL,
  date TEXT NOT NULL,
  place TEXT,
  participants TEXT NOT NULL,
  expected INTEGER NOT NULL,
  attended INTEGER NOT NULL,
  materials TEXT,
  case_id INTEGER REFERENCES edu_cases(id),
  person_id INTEGER REFERENCES people(id),
  user_id INTEGER REFERENCES users(id)
);
CREATE TABLE edu_materials (
  id INTEGER PRIMARY KEY,
  village_id INTEGER NOT NULL REFERENCES villages(id),
  activity_id INTEGER NOT NULL REFERENCES edu_activities(id),
  sha256 TEXT NOT NULL,
  filename TEXT NOT NULL,
  size INTEGER NOT NULL,
  uploaded_at TEXT NOT NULL,
  user_id INTEGER REFERENCES users(id),
  UNIQUE (activity_id, sha256)
);
CREATE TABLE edu_families (
  id INTEGER PRIMARY KEY,
  village_id INTEGER NOT NULL REFERENCES villages(id),
  year INTEGER NOT NULL,
  household_no TEXT NOT NULL,
  head_name TEXT NOT NULL,
  title TEXT NOT NULL,
  deeds TEXT,
  activity_id INTEGER REFERENCES edu_activities(id),
  UNIQUE (village_id, year, household_no, title)
);
CREATE TABLE edu_village_rules (
  id INTEGER PRIMARY KEY,
  village_id INTEGER NOT NULL REFERENCES villages(id),
  version INTEGER NOT NULL,
  title TEXT NOT NULL,
  adopted_date TEXT NOT NULL,
  matter_no TEXT NOT NULL,
  content TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  note TEXT,
  UNIQUE (village_id, version)
);
CREATE TABLE edu_files (
  sha256 TEXT PRIMARY KEY,
  size INTEGER NOT NULL,
  content BLOB NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);
CREATE INDEX trail_entity_key ON trail(entity, key, seq);
CREATE INDEX trail_village ON trail(village_id, seq);
CREATE TRIGGER trail_no_update BEFORE UPDATE ON trail
BEGIN SELECT RAISE(ABORT, 'trail is append-only'); END;
CREATE TRIGGER trail_no_delete BEFORE DELETE ON trail
BEGIN SELECT RAISE(ABORT, 'trail is append-only'); END;
CREATE TRIGGER trail_node_no_update BEFORE UPDATE ON trail_node
BEGIN SELECT RAISE(ABORT, 'trail is append-only'); END;
CREATE TRIGGER trail_node_no_delete BEFORE DELETE ON trail_node
BEGIN SELECT RAISE(ABORT, 'trail is append-only'); END;
CREATE INDEX people_village ON people(village_id, household_no);
CREATE INDEX positions_person ON positions(person_id);
CREATE INDEX archive_events_date ON archive_events(date);
CREATE TRIGGER draws_drawn BEFORE UPDATE ON draws WHEN OLD.seed IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'a finished draw is immutable'); END;
CREATE TRIGGER draws_no_delete BEFORE DELETE ON draws
BEGIN SELECT RAISE(ABORT, 'draws are never deleted'); END;
CREATE INDEX matter_steps_date ON matter_steps(village_id, step, date);
CREATE INDEX matter_attachments_step ON matter_attachments(step_id);
CREATE INDEX matter_filings_matter ON matter_filings(matter_id);
CREATE INDEX inquiries_village ON inquiries(village_id, answered_date);
CREATE INDEX complaints_due ON complaints(due_date);
CREATE INDEX complaints_handler ON complaints(handler_user_id);
CREATE INDEX complaints_accused ON complaints(accused_person_id);
CREATE INDEX complaint_actions_c ON complaint_actions(complaint_id);
CREATE INDEX rectifications_source ON rectifications(source, state);
CREATE INDEX rectifications_source_ref ON rectifications(village_id, source, source_ref);
CREATE INDEX rect_tasks_r ON rect_tasks(rectification_id);
CREATE INDEX audits_subject ON audits(subject_person_id, kind);
CREATE INDEX discipline_person ON discipline_cases(person_id);
CREATE UNIQUE INDEX book_accounts_std ON book_accounts(chart, code) WHERE village_id IS NULL;
CREATE UNIQUE INDEX book_accounts_village ON book_accounts(chart, village_id, code)
  WHERE village_id IS NOT NULL;
CREATE INDEX book_accounts_parent ON book_accounts(chart, parent_code);
CREATE UNIQUE INDEX book_vouchers_reverses ON book_vouchers(reverses_id)
  WHERE reverses_id IS NOT NULL;
CREATE INDEX book_vouchers_date ON book_vouchers(village_id, date);
CREATE INDEX book_vouchers_status ON book_vouchers(status, village_id);
CREATE INDEX book_lines_account ON book_lines(account_id, voucher_id);
CREATE INDEX book_approvals_voucher ON book_approvals(voucher_id, round, step);
CREATE INDEX book_attachments_voucher ON book_attachments(voucher_id);
CREATE INDEX book_balances_period ON book_balances(period, village_id, account_id, carry,
  debit_fen, credit_fen);
CREATE TRIGGER book_vouchers_posted BEFORE UPDATE ON book_vouchers
WHEN OLD.status IN ('posted','void')
BEGIN SELECT RAISE(ABORT, 'posted voucher is immutable'); END;
CREATE TRIGGER book_vouchers_no_delete BEFORE DELETE ON book_vouchers
BEGIN SELECT RAISE(ABORT, 'vouchers are never deleted'); END;
CREATE TRIGGER book_lines_posted_update BEFORE UPDATE ON book_lines
WHEN (SELECT status FROM book_vouchers WHERE id = OLD.voucher_id) IN ('posted','void')
BEGIN SELECT RAISE(ABORT, 'posted voucher is immutable'); END;
CREATE TRIGGER book_lines_posted_delete BEFORE DELETE ON book_lines
WHEN (SELECT status FROM book_vouchers WHERE id = OLD.voucher_id) IN ('posted','void')
BEGIN SELECT RAISE(ABORT, 'posted voucher is immutable'); END;
CREATE TRIGGER book_periods_no_update BEFORE UPDATE ON book_periods
BEGIN SELECT RAISE(ABORT, 'closed period is immutable'); END;
CREATE TRIGGER book_periods_no_delete BEFORE DELETE ON book_periods
BEGIN SELECT RAISE(ABORT, 'closed period is immutable'); END;
CREATE INDEX contracts_subject ON contracts(village_id, subject_no, start_date);
CREATE INDEX contracts_trade ON contracts(village_id, trade_no);
CREATE INDEX contract_bills_due ON contract_bills(village_id, due_date);
CREATE INDEX bill_payments_bill ON bill_payments(bill_id, date);
CREATE INDEX trades_subject ON trades(village_id, subject_no);
CREATE INDEX projects_bundle ON projects(bundle_id);
CREATE INDEX disclosures_village ON disclosures(village_id, item_code, period);
CREATE INDEX disclosures_published ON disclosures(status, published_date);
CREATE INDEX disclosure_objections_of ON disclosure_objections(disclosure_id);
CREATE TRIGGER disclosures_published BEFORE UPDATE ON disclosures
WHEN OLD.status IN ('published','withdrawn')
BEGIN SELECT RAISE(ABORT, 'published disclosure is immutable'); END;
CREATE TRIGGER disclosures_no_delete BEFORE DELETE ON disclosures
BEGIN SELECT RAISE(ABORT, 'disclosures are never deleted'); END;
CREATE TRIGGER disclosure_lines_fixed BEFORE UPDATE ON disclosure_lines
BEGIN SELECT RAISE(ABORT, 'disclosure lines are immutable'); END;
CREATE TRIGGER disclosure_lines_no_delete BEFORE DELETE ON disclosure_lines
BEGIN SELECT RAISE(ABORT, 'disclosure lines are immutable'); END;
CREATE INDEX subsidy_payments_village ON subsidy_payments(village_id, period);
CREATE INDEX subsidy_payments_person ON subsidy_payments(person_id);
CREATE INDEX plan_tasks_year ON plan_tasks(year, measure_id);
CREATE INDEX plan_tasks_village ON plan_tasks(village_id, year);
CREATE INDEX plan_milestones_task ON plan_milestones(task_id);
CREATE INDEX plan_notes_task ON plan_notes(task_id);
CREATE INDEX edu_activities_village ON edu_activities(village_id, date);
COMMIT;
