/**
 * Small built-in word lists for gazetteer-free entity recognition: countries and major cities,
 * place and organisation head words, titles and honorifics, and common country aliases.
 */

/** Countries, territories and regions often in the news (folded). */
export const COUNTRIES: ReadonlySet<string> = new Set(
  (
    "afghanistan|albania|algeria|andorra|angola|argentina|armenia|australia|austria|azerbaijan|bahamas|" +
    "bahrain|bangladesh|barbados|belarus|belgium|belize|benin|bhutan|bolivia|bosnia|botswana|brazil|" +
    "brunei|bulgaria|burkina faso|burundi|cambodia|cameroon|canada|chad|chile|china|colombia|congo|" +
    "costa rica|croatia|cuba|cyprus|czech republic|czechia|denmark|djibouti|dominican republic|ecuador|egypt|" +
    "el salvador|eritrea|estonia|ethiopia|fiji|finland|france|gabon|gambia|georgia|germany|ghana|greece|" +
    "guatemala|guinea|guyana|haiti|honduras|hungary|iceland|india|indonesia|iran|iraq|ireland|israel|" +
    "italy|ivory coast|jamaica|japan|jordan|kazakhstan|kenya|kosovo|kuwait|kyrgyzstan|laos|latvia|lebanon|" +
    "lesotho|liberia|libya|lithuania|luxembourg|madagascar|malawi|malaysia|maldives|mali|malta|mauritania|" +
    "mexico|moldova|monaco|mongolia|montenegro|morocco|mozambique|myanmar|burma|namibia|nepal|netherlands|" +
    "new zealand|nicaragua|niger|nigeria|north korea|north macedonia|norway|oman|pakistan|palestine|panama|" +
    "papua new guinea|paraguay|peru|philippines|poland|portugal|qatar|romania|russia|rwanda|saudi arabia|" +
    "senegal|serbia|sierra leone|singapore|slovakia|slovenia|somalia|south africa|south korea|south sudan|" +
    "spain|sri lanka|sudan|sweden|switzerland|syria|taiwan|tajikistan|tanzania|thailand|togo|tunisia|" +
    "turkey|turkiye|turkmenistan|uganda|ukraine|united arab emirates|uae|united kingdom|uk|u.k.|britain|" +
    "great britain|england|scotland|wales|united states|us|u.s.|usa|u.s.a.|america|uruguay|uzbekistan|" +
    "venezuela|vietnam|yemen|zambia|zimbabwe|korea|gaza|west bank|crimea|donbas|europe|asia|africa|" +
    "latin america|middle east|far east|korean peninsula|northeast asia|southeast asia|the west|" +
    "california|texas|florida|new york|ohio|michigan|pennsylvania|georgia|arizona|nevada|iowa|" +
    "virginia|north carolina|south carolina|wisconsin|minnesota|colorado|washington state|alaska|hawaii|" +
    "alabama|arkansas|connecticut|delaware|idaho|illinois|indiana|kansas|kentucky|louisiana|maine|" +
    "maryland|massachusetts|mississippi|missouri|montana|nebraska|new hampshire|new jersey|" +
    "new mexico|north dakota|south dakota|oklahoma|oregon|rhode island|tennessee|utah|vermont|" +
    "west virginia|wyoming|ontario|quebec|british columbia|alberta|bavaria|catalonia|siberia|" +
    "normandy|tasmania|queensland|punjab|kashmir|tibet|chechnya|darfur|sinai|balkans|caribbean|" +
    "scandinavia|arctic|antarctica"
  ).split("|"),
);

/** Capitals and big cities (folded). */
export const CITIES: ReadonlySet<string> = new Set(
  (
    "washington|new york|los angeles|chicago|houston|miami|boston|san francisco|seattle|atlanta|dallas|" +
    "philadelphia|detroit|denver|las vegas|london|paris|berlin|madrid|rome|milan|vienna|brussels|" +
    "amsterdam|geneva|zurich|stockholm|oslo|copenhagen|helsinki|warsaw|prague|budapest|athens|lisbon|" +
    "dublin|moscow|st petersburg|kyiv|kiev|kharkiv|odesa|minsk|ankara|istanbul|tehran|baghdad|damascus|" +
    "beirut|jerusalem|tel aviv|cairo|riyadh|doha|dubai|abu dhabi|kabul|islamabad|karachi|new delhi|delhi|" +
    "mumbai|dhaka|beijing|shanghai|hong kong|taipei|tokyo|osaka|seoul|pyongyang|hanoi|bangkok|manila|" +
    "jakarta|singapore|kuala lumpur|sydney|melbourne|canberra|auckland|ottawa|toronto|montreal|" +
    "vancouver|mexico city|havana|caracas|bogota|lima|santiago|buenos aires|sao paulo|rio de janeiro|" +
    "brasilia|nairobi|lagos|addis ababa|johannesburg|cape town|khartoum|tripoli|tunis|algiers|rabat|" +
    "vladivostok|hiroshima|gaza city|rafah|mosul|aleppo|kandahar|sochi|davos|strasbourg|the hague|" +
    "san diego|san jose|portland|baltimore|new orleans|nashville|minneapolis|" +
    "pittsburgh|st louis|kansas city|sacramento|honolulu|salt lake city|tampa|" +
    "manchester|birmingham|liverpool|glasgow|edinburgh|cardiff|belfast|leeds|bristol|munich|" +
    "hamburg|frankfurt|cologne|barcelona|naples|venice|marseille|lyon|herat|basra|" +
    "tikrit|fallujah|homs|idlib|sanaa|mecca|jeddah|muscat|manama|lahore|" +
    "kolkata|chennai|bangalore|bengaluru|hyderabad|kathmandu|colombo|yangon|phnom penh|" +
    "guangzhou|shenzhen|wuhan|kyoto|busan|ho chi minh city|perth|brisbane|adelaide|" +
    "calgary|abuja|accra|dakar|kinshasa|kampala|kigali|harare|luanda|mogadishu|benghazi|" +
    "ramallah|hebron|haifa|amman|tbilisi|yerevan|baku|tashkent|almaty|" +
    "astana|belgrade|sarajevo|zagreb|bucharest|kishinev|chisinau|riga|vilnius|tallinn|" +
    "reykjavik|bratislava|ljubljana|quito|la paz|montevideo|asuncion|panama city|" +
    "guatemala city|san salvador|tegucigalpa|managua|san juan|kingston|port-au-prince|" +
    "santo domingo|monterrey|guadalajara|tijuana|juarez"
  ).split("|"),
);

/** Aliases of places that are written in several ways: folded alias → canonical name. */
export const PLACE_ALIASES: Readonly<Record<string, string>> = {
  us: "United States",
  "u.s.": "United States",
  usa: "United States",
  "u.s.a.": "United States",
  america: "United States",
  "united states": "United States",
  "united states of america": "United States",
  uk: "United Kingdom",
  "u.k.": "United Kingdom",
  britain: "United Kingdom",
  "great britain": "United Kingdom",
  "united kingdom": "United Kingdom",
  uae: "United Arab Emirates",
  kiev: "Kyiv",
  burma: "Myanmar",
  turkiye: "Turkey",
  dprk: "North Korea",
  un: "United Nations",
  "u.n.": "United Nations",
  eu: "European Union",
  "e.u.": "European Union",
};

/** Last words that make a name a place. */
export const PLACE_HEADS: ReadonlySet<string> = new Set(
  (
    "peninsula sea ocean river island islands mountains mountain valley province region street " +
    "square airport coast bay strait gulf county district city desert lake mount state territory " +
    "border harbor harbour port wharf park bridge highway road avenue village town cosmodrome " +
    "base station centre center palace house hall stadium terrace lane wharf quay dock docks " +
    "cafe café restaurant hotel pub inn market mall plaza arena theatre theater museum gallery " +
    "cathedral mosque temple tower building estate estates farm creek gardens boulevard blvd " +
    "drive corridor canal crossing junction heights hills springs falls beach forest reserve " +
    "neighbourhood neighborhood quarter prison jail camp ave aves st rd hwy"
  ).split(" "),
);

/** Last (or heading) words that make a name an organisation. */
export const ORG_HEADS: ReadonlySet<string> = new Set(
  (
    "ministry council party agency inc inc. corp corp. corporation company co ltd llc plc union " +
    "university college school institute association organization organisation committee " +
    "commission department office bank court parliament congress senate assembly army navy " +
    "forces force police service services group foundation fund board authority bureau " +
    "federation league club times post news newspaper press tribune journal herald guardian " +
    "network media television radio channel airlines airways kremlin pentagon nato government " +
    "administration cabinet secretariat alliance coalition front movement church hospital " +
    "conference summit reuters convention inspectorate directorate infirmary academy chemicals " +
    "industries holdings systems technologies energy motors pharmaceuticals partners capital " +
    "enterprises laboratories labs trust society institute desk wire gazette chronicle " +
    "clarion courier mail telegraph observer express standard command survey magazine firm " +
    "studio studios agencies"
  ).split(" "),
);

/** Acronyms that are organisations ("NATO", "BRICS") are recognised by shape; these are places. */
export const PLACE_ACRONYMS: ReadonlySet<string> = new Set([
  "us",
  "u.s.",
  "uk",
  "u.k.",
  "uae",
  "usa",
]);

/** Titles and roles that precede a person's name, folded ("president", "defense secretary"). */
export const TITLES: ReadonlySet<string> = new Set(
  (
    "president vice prime minister secretary chancellor king queen prince princess pope senator sen " +
    "sen. rep rep. representative congressman congresswoman gov gov. governor mayor general gen gen. " +
    "admiral colonel col captain capt judge justice dr dr. mr mr. mrs mrs. ms ms. sir lord lady " +
    "chairman chairwoman chair ceo director chief spokesman spokeswoman spokesperson ambassador " +
    "envoy commissioner premier president-elect leader aide adviser advisor minister-president " +
    "deputy foreign defense defence interior finance state attorney sheikh emir ayatollah " +
    "officer sergeant lieutenant inspector superintendent commander professor prof coach " +
    "sheriff undersheriff trooper lt lt. sgt sgt. cpl det detective constable executive marshal"
  ).split(" "),
);

/** Words that, lower-case just before a name, say the name is a person. */
export const PERSON_CUES: ReadonlySet<string> = new Set(
  (
    "leader aide spokesman spokeswoman spokesperson adviser advisor official minister president " +
    "secretary envoy ambassador chief director chairman senator governor mayor father mother son " +
    "daughter wife husband brother sister predecessor successor counterpart candidate lawmaker " +
    "journalist reporter correspondent analyst professor colonel general dictator premier rival"
  ).split(" "),
);

/** Honorifics that are dropped from a person's name. */
export const HONORIFICS: ReadonlySet<string> = new Set(
  "mr mr. mrs mrs. ms ms. dr dr. sir dame prof prof. sen. sen rep. rep gov. gov gen. gen".split(
    " ",
  ),
);

/** Adjectives of nationality that are not ending in -an/-ese/-ish (folded). */
export const DEMONYMS: ReadonlySet<string> = new Set(
  (
    "thai swiss iraqi israeli pakistani saudi kuwaiti qatari yemeni omani bangladeshi nepali " +
    "somali afghan kazakh uzbek tajik turkmen kyrgyz czech slovak greek french dutch irish welsh " +
    "danish polish finnish swedish turkish spanish british scottish english western eastern " +
    "northern southern soviet islamic arab muslim christian jewish catholic communist democratic " +
    "republican chinese japanese vietnamese lebanese sudanese taiwanese burmese congolese " +
    "senegalese portuguese maltese"
  ).split(" "),
);

/**
 * Organisation head words that are names by themselves; every other head word ("Press",
 * "Post", "Warehouse", "Police") alone is the common noun of a longer name, not a name.
 */
const PROPER_HEADS: ReadonlySet<string> = new Set(
  "kremlin pentagon nato reuters congress parliament senate".split(" "),
);

/** Head words of newspaper names, which alone can name the paper ("told the Post"). */
export const MEDIA_HEADS: ReadonlySet<string> = new Set(
  (
    "times post news press tribune journal herald guardian gazette chronicle clarion courier " +
    "mail telegraph observer express standard magazine"
  ).split(" "),
);

/** Titles that can end a run of capitalised words without being anyone's surname ("Police Lt"). */
export const TRAILING_TITLES: ReadonlySet<string> = new Set(
  (
    "lt lt. sgt sgt. sheriff undersheriff trooper officer spokesman spokeswoman spokesperson " +
    "secretary minister president chairman chairwoman commissioner superintendent inspector " +
    "detective executive mayor governor director chief ceo ambassador envoy senator gov gov. " +
    "sen sen. rep rep. gen gen. col capt"
  ).split(" "),
);

/** True for a head word that alone is a common noun ("press", "group", "street"). */
export function isGenericHead(folded: string): boolean {
  return (ORG_HEADS.has(folded) || PLACE_HEADS.has(folded)) && !PROPER_HEADS.has(folded);
}

/** Lower-case nouns that, right after a name, make it a place ("the Quayside and Millbrook areas"). */
export const PLACE_NOUNS: ReadonlySet<string> = new Set(
  (
    "city town village area areas neighbourhood neighbourhoods neighborhood neighborhoods " +
    "district districts suburb suburbs region province county port island islands estate " +
    "community communities township municipality"
  ).split(" "),
);

/** Lower-case nouns that, right after a name, make it an organisation ("the Tarvek Sinmun newspaper"). */
export const ORG_NOUNS: ReadonlySet<string> = new Set(
  (
    "newspaper newspapers daily paper tabloid agency broadcaster channel network magazine website " +
    "outlet company firm group party ministry union council bank studio studios airline"
  ).split(" "),
);
