/**
 * Known page-furniture phrases in several languages (en, de, fr, es, it, pt, nl, ru), by the
 * reason a line holding one is removed. A line is matched as a whole (after lineKey folding),
 * or by its start for the "lead-in" patterns (see-also, share, image credits).
 */

/** Whole-line phrases (compared with lineKey: lower case, punctuation dropped). */
export const UI_PHRASES: Record<string, readonly string[]> = {
  "comment-form": [
    "leave a reply",
    "leave a comment",
    "post a comment",
    "add a comment",
    "add comment",
    "please enter your comment",
    "please enter your name here",
    "please enter your email address here",
    "you have entered an incorrect email address",
    "cancel reply",
    "post comment",
    "submit comment",
    "your email address will not be published",
    "your email address will not be published required fields are marked",
    "required fields are marked",
    "save my name email and website in this browser for the next time i comment",
    "comments",
    "comment",
    "no comments",
    "no comments yet",
    "be the first to comment",
    "join the conversation",
    "show comments",
    "view comments",
    "load comments",
    "log in to comment",
    "sign in to comment",
    "you must be logged in to post a comment",
    "notify me of new posts by email",
    "notify me of follow up comments by email",
    "kommentar schreiben",
    "kommentare",
    "kommentieren",
    "antworten",
    "laisser un commentaire",
    "commentaires",
    "répondre",
    "deja un comentario",
    "dejar un comentario",
    "comentarios",
    "responder",
    "lascia un commento",
    "commenti",
    "rispondi",
    "deixe um comentário",
    "deixe uma resposta",
    "comentários",
    "laat een reactie achter",
    "reacties",
    "reageer",
    "оставить комментарий",
    "комментарии",
    "ответить",
    "name",
    "email",
    "website",
  ],
  share: [
    "share",
    "sharing is caring",
    "sharing is caring!",
    "share this",
    "share this article",
    "share this story",
    "share on facebook",
    "share on twitter",
    "share on x",
    "share on linkedin",
    "share on whatsapp",
    "share via email",
    "share via",
    "facebook",
    "twitter",
    "x",
    "linkedin",
    "whatsapp",
    "telegram",
    "pinterest",
    "reddit",
    "email",
    "print",
    "copy link",
    "link copied",
    "tweet",
    "pin it",
    "teilen",
    "auf facebook teilen",
    "artikel teilen",
    "partager",
    "partager sur facebook",
    "compartir",
    "compartir en facebook",
    "condividi",
    "condividi su facebook",
    "compartilhar",
    "partilhar",
    "delen",
    "поделиться",
    "facebook twitter",
    "facebook twitter whatsapp",
    "facebook twitter linkedin",
  ],
  navigation: [
    "connect with us",
    "follow us",
    "follow us on",
    "skip to content",
    "skip to main content",
    "menu",
    "home",
    "search",
    "close",
    "open menu",
    "close menu",
    "toggle navigation",
    "main menu",
    "navigation",
    "sign in",
    "log in",
    "login",
    "register",
    "sign up",
    "my account",
    "subscribe",
    "back to top",
    "go to top",
    "next",
    "previous",
    "next article",
    "previous article",
    "next post",
    "previous post",
    "older posts",
    "newer posts",
    "load more",
    "show more",
    "zum inhalt springen",
    "startseite",
    "suche",
    "anmelden",
    "aller au contenu",
    "accueil",
    "rechercher",
    "se connecter",
    "ir al contenido",
    "inicio",
    "buscar",
    "iniciar sesión",
    "vai al contenuto",
    "cerca",
    "accedi",
    "ir para o conteúdo",
    "início",
    "pesquisar",
    "entrar",
    "naar inhoud",
    "zoeken",
    "inloggen",
    "главная",
    "поиск",
    "войти",
    "advertisement",
    "advert",
    "adverts",
    "advertising",
    "this slideshow requires javascript",
    "javascript is disabled",
    "please enable javascript",
    "image",
    "photo",
    "video",
    "play video",
    "watch video",
    "loading",
    "loading...",
    "sponsored",
    "sponsored content",
    "ad",
    "ads",
    "anzeige",
    "werbung",
    "publicité",
    "publicidad",
    "pubblicità",
    "publicidade",
    "advertentie",
    "реклама",
    "iklan",
    "mainos",
    "reklam",
    "reklama",
    "story continues below",
    "story continues below advertisement",
    "article continues below",
    "continue reading",
    "continue reading below",
    "scroll to continue",
    "exclusive content",
    "trending",
    "trending now",
    "most read",
    "most popular",
    "popular",
    "top stories",
    "top news",
    "breaking news",
    "live",
  ],
  related: [
    "related",
    "related articles",
    "related posts",
    "related stories",
    "related news",
    "related content",
    "you may also like",
    "you might also like",
    "more from",
    "recommended",
    "recommended for you",
    "more stories",
    "more articles",
    "more article",
    "more news",
    "latest",
    "latest news",
    "latest article",
    "latest articles",
    "latest posts",
    "latest stories",
    "recent posts",
    "read next",
    "what to read next",
    "don't miss",
    "dont miss",
    "must read",
    "also on",
    "mehr zum thema",
    "das könnte sie auch interessieren",
    "weitere artikel",
    "neueste artikel",
    "à lire aussi",
    "a lire aussi",
    "sur le même sujet",
    "articles similaires",
    "dans la même rubrique",
    "te puede interesar",
    "noticias relacionadas",
    "artículos relacionados",
    "más noticias",
    "ti potrebbe interessare",
    "articoli correlati",
    "notizie correlate",
    "você pode gostar",
    "notícias relacionadas",
    "artigos relacionados",
    "gerelateerd",
    "meer nieuws",
    "лучшие материалы",
    "похожие статьи",
    "читайте также",
    "ещё по теме",
    "новости по теме",
  ],
  newsletter: [
    "subscribe to our newsletter",
    "sign up for our newsletter",
    "newsletter",
    "get the latest news",
    "sign up",
    "subscribe now",
    "enter your email",
    "enter your email address",
    "your email address",
    "i agree to the terms",
    "newsletter abonnieren",
    "jetzt abonnieren",
    "abonnez vous",
    "inscrivez vous",
    "s'abonner",
    "suscríbete",
    "suscribirse",
    "iscriviti",
    "iscriviti alla newsletter",
    "assine",
    "inscreva se",
    "abonneer",
    "meld je aan",
    "подписаться",
    "подпишитесь",
  ],
  cookie: [
    "accept cookies",
    "accept all cookies",
    "accept all",
    "reject all",
    "manage cookies",
    "cookie settings",
    "cookie policy",
    "we use cookies",
    "privacy policy",
    "terms of use",
    "terms of service",
    "terms and conditions",
    "alle akzeptieren",
    "datenschutz",
    "impressum",
    "tout accepter",
    "politique de confidentialité",
    "aceptar todo",
    "política de privacidad",
    "accetta tutto",
    "aceitar todos",
    "alles accepteren",
  ],
  footer: [
    "all rights reserved",
    "about us",
    "contact us",
    "contact",
    "about",
    "advertise",
    "advertise with us",
    "careers",
    "sitemap",
    "site map",
    "rss",
    "rss feed",
    "powered by wordpress",
    "alle rechte vorbehalten",
    "tous droits réservés",
    "todos los derechos reservados",
    "tutti i diritti riservati",
    "todos os direitos reservados",
    "alle rechten voorbehouden",
    "все права защищены",
  ],
};

/** Line starts that introduce a link to another article: the whole line goes, mid-article too. */
export const SEE_ALSO_LEAD = new RegExp(
  "^(see also|read also|also read|read more|read next|related|related article|related story|more on this|more:|" +
    "recommended|watch|listen|siehe auch|lesen sie auch|auch interessant|mehr zum thema|weiterlesen|lesen sie mehr|" +
    "lire aussi|à lire aussi|a lire aussi|voir aussi|lire la suite|leer más|lee también|lea también|ver también|" +
    "te puede interesar|leggi anche|vedi anche|leggi di più|leia também|leia mais|veja também|veja mais|" +
    "lees ook|lees meer|zie ook|читайте также|смотрите также|читать далее|подробнее)\\s*[:：\\-–—»>|]?\\s+\\S",
  "iu",
);

/** A line that is nothing but such a lead-in ("Read more", "Weiterlesen »"). */
export const SEE_ALSO_ALONE = new RegExp(
  "^(see also|read also|also read|read more|read full story|read the full story|read full article|continue reading|" +
    "weiterlesen|mehr lesen|lire la suite|lire plus|leer más|seguir leyendo|leggi di più|continua a leggere|" +
    "leia mais|continue lendo|lees meer|lees verder|читать далее|подробнее)\\s*[.:»>…]*$",
  "iu",
);

/** Image credits and photo bylines: "📷 Image Credits: …", "Photo: …", "… Featured Image". */
export const IMAGE_CREDIT = new RegExp(
  "^(📷|📸|🖼)|^\\(?(image|images|photo|photos|picture|pictures|photograph|illustration|graphic|video|" +
    "foto|fotos|bild|bilder|quelle|crédit photo|crédits photo|crédit|photo credit|image credit|image credits|" +
    "photo credits|imagen|imágenes|immagine|imagem|afbeelding|фото)\\s*(credits?|source|courtesy|by|:)?\\s*[:©|/-]|" +
    "^(credit|credits|source|courtesy|©|\\(c\\))\\b\\s*[:©]?\\s*\\S.{0,60}$|featured image\\s*$|" +
    "\\((photo|image|picture|foto)\\s*(by|:|credit)[^)]*\\)\\s*$|" +
    "^(getty images|afp|reuters|ap photo|ap|epa|shutterstock|istock|dpa)(\\s*(/|via)\\s*.{0,40})?$|" +
    // A picture from someone's own album: "Personal archive of X", "личный архив X".
    "^(личный архив|из личного архива|personal archive|private archive|family archive|privatarchiv|archives personnelles|archivo personal|arquivo pessoal)\\b.{0,60}$",
  "iu",
);

/** Byline lead-ins: "By", "Von", "Written by", "Author:" (case-insensitive). */
export const BYLINE_PREFIX =
  /^(by|written by|words by|reported by|posted by|von|par|por|di|door|автор|author|autor|auteur|autore)\s*:?\s+/iu;

/** What follows a byline lead-in: up to eight capitalised name words, then a short affiliation. */
export const BYLINE_NAMES =
  /^\p{Lu}[\p{L}'’.-]*(\s+((and|und|et|y|e|en|и|&)\s+)?\p{Lu}[\p{L}'’.-]*,?){0,7}(\s*[,|•·–—-]\s*.{0,60})?$/u;

/** Promotions for the outlet itself: newsletters, subscriptions, apps ("Get … in your inbox"). */
export const PROMO =
  /^(get|subscribe|sign up|join|download|click here|follow us|never miss|don't miss|stay up to date|want more)\b.{0,200}\b(newsletters?|subscribe|subscriptions?|inbox|our app|delivered|click here|follow us|sign up)\b|\b(sign up|subscribe|register)\b.{0,80}\b(newsletters?|inbox|alerts)\b|\bnewsletters?\b.{0,80}\b(sign up|subscribe|delivered|inbox)\b|^let our\b.{0,80}\b(to|in|into|meet) your inbox\b|\b(delivered|straight|sent|direct(ly)?) (to|in|into) your inbox\b/i;

/** WordPress-style shortcodes left in the text: "[button link=…]…[/button]". */
export const SHORTCODE = /^\[[a-z_-]+(\s[^\]]*)?\].*\[\/[a-z_-]+\]$|^\[[a-z_-]+(\s[^\]]*)?\]$/i;

/** Copyright footers: "© 2024 The Daily Example. All rights reserved." */
export const COPYRIGHT =
  /^(copyright\b|©|\(c\)\s*\d{4})|all rights reserved|alle rechte vorbehalten|tous droits réservés|todos los derechos reservados|tutti i diritti riservati/i;

/** Tag and category lists: "Tags: Brackwater, Fire", "Filed under: World". */
export const TAGS_LINE =
  /^(tags?|topics?|filed under|posted in|categories|category|keywords|schlagwörter|schlagworte|themen|étiquettes|mots-clés|etiquetas|temas|argomenti|tag|onderwerpen|теги|метки)\s*[:：]/i;

/** Reading-time and relative-time widgets: "3 min read", "Updated 2 hours ago". */
export const TIME_WIDGET =
  /^(\d+\s*(min|mins|minute|minutes)\.?\s*(read|lesezeit|de lecture|de lectura|di lettura)|(updated|posted|published)?\s*\d+\s*(seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?)\s+ago)$/i;

/**
 * Reading-time labels in our languages: "Reading time: 4 minutes", "Lesezeit: 3 Min.",
 * "Temps de lecture : 2 min", "Tempo de leitura: 1 minuto", "Время чтения: 5 минут".
 */
export const READING_TIME =
  /^(estimated )?(reading time|read time|time to read|lesezeit|temps de lecture|tiempo de lectura|tempo de leitura|tempo di lettura|leestijd|время чтения)\s*:?\s*(<\s*|~\s*)?\d+([.,]\d+)?\s*[\p{L}.]{0,10}$/iu;

/** A widget's update time alone: "Updated at 1:23 p.m.", "Last updated 09:41 GMT". */
export const UPDATED_AT =
  /^(last )?(updated|posted|published|modified|aktualisiert|mis à jour|actualizado|atualizado|aggiornato)\s*(at|um|à|a las|às|alle|:)?\s*\d{1,2}[:.h]\d{2}\s*(a\.?m\.?|p\.?m\.?|uhr)?\s*(\p{Lu}{2,5})?\.?$/iu;

/** "Posted on March 30, 2015 by Admin": a blog post's date-and-author line. */
export const POSTED_BY =
  /^(posted|published|submitted|written|added)\s+(on\s+)?\S.{0,40}\s+by\s+\S/i;

/** A pagination counter: "1 - 5 of 36", "11–20 von 143". */
export const PAGE_COUNTER = /^\d+\s*[-–]\s*\d+\s+(of|von|de|sur|di|van|из)\s+\d+$/i;

/** Comment counters: "12 Comments", "0 responses". */
export const COMMENT_COUNT =
  /^\d+\s+(comments?|responses?|replies|kommentare|commentaires|comentarios|commenti|reacties)$/i;

/** Wire-service credits at the end: "Reporting by …; Editing by …". */
export const WIRE_CREDIT = /^\(?(reporting|writing|editing|additional reporting|compiled) by\b/i;

/** "Jane Roe contributed reporting from Lagos.": a newspaper's contributor credit. */
export const CONTRIBUTED_REPORTING =
  /\bcontributed (additional )?(reporting|research|to (this|the) (report|article|story))\b[^.]{0,80}\.?$/i;

/** "Follow us on Twitter", "Follow @outlet": social prompts. */
export const FOLLOW_PROMPT = /^(follow|like|join) (us|@\w+)\b/i;

/** Social network and share words: a line made only of these is a share bar. */
export const SHARE_WORDS = new Set(
  "share on via tweet facebook twitter x linkedin whatsapp telegram pinterest reddit email e-mail print copy link messenger flipboard tumblr vk ok mail sms pin it save teilen partager compartir condividi compartilhar delen поделиться".split(
    " ",
  ),
);

/** Contact details in a line: an e-mail address, or a phone number (8+ digits with spaces). */
export const CONTACT_DETAIL =
  /[\w.+-]+@[\w-]+(?:\.[\w-]+)+|(?:\+\d{1,3}[\s-]?|\b0)\d[\d\s()-]{6,}\d\b|\b\d{3}[\s.-]\d{3}[\s.-]\d{4}\b/;
/** A sentence that tells the reader to do something: contact, send, follow (en, de, fr, es, it, pt, nl). */
export const READER_IMPERATIVE =
  /(?:^|[.!?:]\s+)(contact|e-?mail|call|phone|ring|text|send|submit|follow|tell us|write to|share your|get in touch|whatsapp|message us|dm us|reach us|kontaktieren sie|schreiben sie|senden sie|schicken sie|folgen sie|rufen sie|melden sie sich|contactez|écrivez|envoyez|suivez|appelez|contacta|contáctanos|escríbenos|envíanos|síguenos|llámanos|contattaci|scrivici|seguici|inviaci|entre em contato|envie|siga-nos|neem contact|volg ons|stuur|mail ons)\b/i;
/** The reader addressed directly ("you", formal "Sie", "vous", "usted", "você"). */
export const SECOND_PERSON =
  /\b([Yy]ou|[Yy]our|[Yy]ours|[Vv]ous|[Vv]otre|[Vv]os|[Uu]sted|[Uu]stedes|[Vv]ocê|[Vv]ocês|Sie|Ihre?[mnrs]?|Ihnen)\b/u;
/** A question put to the reader: "Got a story?", "Do you have a video of the fire?". */
export const READER_QUESTION =
  /^(got|have you got|do you have|did you|were you|are you|have you|know|haben sie|hast du|avez-vous|vous avez|tiene usted|tienes|hai|você tem|heb je|heeft u)\b[^?]{0,80}\?/i;
/** Newsroom-contact vocabulary: news desk, story tips, "we pay for stories", "get in touch". */
export const NEWSROOM_CONTACT =
  /\b(news ?desk|newsroom|story ideas?|story tips?|news tips?|tip-?offs?|we pay for (stories|videos|pictures|photos)|get in touch|contact us|email us|write to us|redaktion|rédaction|redacción|redazione|redação|redactie)\b/i;
/** Attribution: a reported sentence ("…, police said") is news even when it addresses people. */
export const ATTRIBUTION =
  /\b(said|says|told|tells|according to|urged|asked|appealed|sagte|sagt|teilte|a déclaré|a dit|selon|dijo|según|ha detto|disse|zei)\b/i;

/**
 * Agency and syndication credits, publisher standards lines: "This article was supplied by the
 * … news agency", "has not been edited by … staff", "Our Standards: The … Trust Principles.",
 * "This story was originally published on …", "Mit Material von dpa", in several languages.
 */
export const AGENCY_CREDIT = new RegExp(
  String.raw`^(this|the above) (article|story|content|piece|item)\b.{0,120}\b(supplied|provided|syndicated|distributed|produced|republished|reproduced|generated|translated|originally (published|appeared)|published (with permission|in partnership|under))\b|` +
    String.raw`\bhas not been edited by\b|\bauto-?generated from a syndicated feed\b|^(our|editorial) standards\s*:|\btrust principles\b|` +
    String.raw`^(dieser|der) (artikel|beitrag|text)\b.{0,120}\b(bereitgestellt|geliefert|übernommen|automatisch erstellt)\b|^mit material (von|der|des)\b|` +
    String.raw`^(cet|le présent) article\b.{0,120}\b(fourni|traduit|republié)\b|^(este|el presente) (artículo|texto)\b.{0,120}\b(proporcionado|distribuido|traducido)\b|` +
    String.raw`^questo articolo\b.{0,120}\b(fornito|tradotto)\b|^(este|o presente) artigo\b.{0,120}\b(fornecido|traduzido)\b|^dit artikel\b.{0,120}\b(geleverd|vertaald)\b`,
  "iu",
);

/**
 * A picture credit closing a caption line: "… early hours. Credit: Clarion Pictures / Reader
 * photo", "… on Tuesday. Picture: Sam Ordway / Brackwater Post", "… 2025. REUTERS/Jane Doe".
 * The credited name starts with a capital and has no sentence punctuation.
 */
export const TRAILING_PICTURE_CREDIT =
  /(?:^|[.!?)]\s+|\s)([Cc]redits?|CREDITS?|[Pp]hoto|PHOTO|[Pp]hotograph|[Pp]hotos|[Pp]ictures?|PICTURE|[Ii]mages?|IMAGE|[Ff]otos?|FOTO|[Bb]ild|BILD|[Vv]ideo|VIDEO|[Cc]rédit photo|[Ii]magen|[Ii]mmagine)\s*:\s*(\p{Lu}[^.:!?]{1,70})$|\b(REUTERS|AFP|AP|EPA|DPA|ANP|ANSA)\s*\/\s*\p{Lu}[\p{L}.'’ -]{1,40}$/u;

/** Cookie banners in any of our languages: a cookie word, the site speaking, a consent word. */
export const COOKIE_WORD = /\b(cookies?|témoins)\b/i;
export const COOKIE_CONSENT =
  /\b(accept\w*|agree\w*|consent\w*|preferences|settings|manage|akzeptier\w*|zustimm\w*|einwillig\w*|einstellungen|verwalten|accepte[rz]?|paramètres|gérer|acepta\w*|configura\w*|preferencias|accett\w*|impostazioni|aceit\w*|accepteer\w*|instellingen|toestemming)\b/i;
export const COOKIE_SPEAKER =
  /\b(we|our|us|you|your|wir|unsere?\w*|Sie|nous|notre|nos|vous|utilizamos|usamos|nuestr\w+|usted|usiamo|utilizziamo|nostr\w+|utilizamos|nosso|wij|onze|this (site|website))\b/i;

/** An invitation to comment: a comment word with a sign-in / join / discuss word. */
export const COMMENT_WORD =
  /\b(comments?|commenting|kommentar\w*|commentaires?|comentarios?|comentar|commenti|commentare|comentários?|reacties?)\b/i;
export const COMMENT_INVITE =
  /\b(sign in|sign up|log in|login|register|join the (conversation|discussion|debate)|have your say|anmelden|einloggen|registrieren|diskutieren|connectez|inscrivez|inicia sesión|regístrate|accedi|registrati|inicie sessão|log in om)\b/i;

/**
 * "Subscribe to X and stay smart with more of your …": a subscription pitch to the reader
 * ("Sign up for …" is left alone: how-to and deals articles tell readers to sign up for things).
 */
export const SUBSCRIBE_PITCH = /^subscribe( now| today)? to\b.{0,150}\b(you|your)\b/i;
/** "More Great WIRED Stories", "Latest news", "Recommended videos": a header over a link list. */
export const MORE_STORIES_HEADER =
  /^(more|other|latest|top|recommended|popular|related|recent|trending|further)\b(\s+[\p{L}\p{N}’'-]+){0,3}\s+(stories|articles|news|reads|posts|videos|coverage|features)\s*:?$/iu;

/** "Like this story? Share it with a friend!": a share prompt put as a question. */
export const SHARE_QUESTION =
  /^(like|liked|enjoy|enjoyed|love|loved|found) (this|the|our) (story|article|post|piece|read)\b[^?]{0,30}\?/i;
/** "Follow RT on" (icons stripped), "Follow X on Facebook, X and Instagram". */
export const FOLLOW_ON =
  /^follow\b.{0,40}\bon(\s+(facebook|twitter|x|instagram|linkedin|youtube|tiktok|telegram|threads|whatsapp|social media|our channels)(\s*\(@\w+\))?(\s*(,|and|&|, and)\s*(facebook|twitter|x|instagram|linkedin|youtube|tiktok|telegram|threads|whatsapp)(\s*\(@\w+\))?)*)?[\s.!:]*$/i;
/** A comment-moderation notice ("Comments … will not be approved by the moderator"). */
export const COMMENT_MODERATION =
  /\b(moderat\w*|approved|aprovad\w*|aprobad\w*|approuv\w*|freigeschaltet|pre-?moderated|community guidelines|house rules)\b/i;
