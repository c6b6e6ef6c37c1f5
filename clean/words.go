package clean

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// fold lower-cases s, maps Kazakh-specific letters and ё to the nearest
// Russian letter, turns every other non-letter, non-digit into a space and
// collapses spaces, with one space at each end. Patterns match folded text,
// so that " жаналык" finds both "жаңалық" and the common keyboard spelling
// "жаналық", and a pattern " p" matches at the start of a word.
func fold(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 2)
	b.WriteByte(' ')
	space := true
	for _, r := range s {
		// Fast paths for the common alphabets; unicode tables for the rest.
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r >= 'а' && r <= 'я':
			b.WriteRune(r)
			space = false
			continue
		case r >= 'A' && r <= 'Z':
			b.WriteByte(byte(r) + 'a' - 'A')
			space = false
			continue
		case r >= 'А' && r <= 'Я':
			b.WriteRune(r + 'а' - 'А')
			space = false
			continue
		case r == ' ' || r == ',' || r == '.':
			if !space {
				b.WriteByte(' ')
				space = true
			}
			continue
		}
		r = unicode.ToLower(r)
		switch r {
		case 'ә':
			r = 'а'
		case 'ғ':
			r = 'г'
		case 'қ':
			r = 'к'
		case 'ң':
			r = 'н'
		case 'ө':
			r = 'о'
		case 'ұ', 'ү':
			r = 'у'
		case 'һ':
			r = 'х'
		case 'і':
			r = 'и'
		case 'ё':
			r = 'е'
		}
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
			space = false
		} else if !space {
			b.WriteByte(' ')
			space = true
		}
	}
	if !space {
		b.WriteByte(' ')
	}
	return b.String()
}

// patterns is a list of folded patterns, indexed by first letter so that a
// line is scanned once per list rather than once per pattern.
type patterns struct {
	byFirst map[rune][]string
}

func newPatterns(list ...string) *patterns {
	p := &patterns{byFirst: map[rune][]string{}}
	for _, s := range list {
		r, _ := utf8.DecodeRuneInString(s)
		p.byFirst[r] = append(p.byFirst[r], s)
	}
	return p
}

// hasAny reports whether the folded text f contains any of p at the start
// of a word. A pattern ending in a space matches whole words only.
func hasAny(f string, p *patterns) bool {
	for i := 0; i+1 < len(f); {
		j := strings.IndexByte(f[i:], ' ')
		if j < 0 {
			return false
		}
		i += j + 1
		if i < len(f) && startsAt(f[i:], p) {
			return true
		}
	}
	return false
}

func startsAt(f string, p *patterns) bool {
	r, _ := utf8.DecodeRuneInString(f)
	for _, s := range p.byFirst[r] {
		if strings.HasPrefix(f, s) {
			return true
		}
	}
	return false
}

// startsAny reports whether the folded text f starts with one of p.
func startsAny(f string, p *patterns) bool {
	return len(f) > 1 && startsAt(f[1:], p)
}

// foldWords splits folded text into its words.
func foldWords(f string) []string {
	f = strings.Trim(f, " ")
	if f == "" {
		return nil
	}
	return strings.Split(f, " ")
}

// set builds a lookup set of words.
func set(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) { // ASCII white space only
		m[w] = true
	}
	return m
}

// functionWords holds frequent function words of Russian, Kazakh and
// English, folded. Their share of a line's words is high in running prose
// and low in headlines, menus and lists of names.
var functionWords = set(`
и в во не что он на я с со как а то все она так его но да ты к у же вы за бы по
только ее мне было вот от меня еще нет о из ему теперь когда даже ну ли если уже
или ни быть был него до вас опять уж вам ведь там потом себя ничего ей может они
тут где есть надо ней для мы тебя их чем была сам чтоб без будто чего раз тоже
себе под будет ж тогда кто этот того потому этого какой ним здесь этом один почти
мой тем чтобы нее сейчас были куда всех можно при об другой хоть после над больше
тот через эти нас про всего них какая много эту моя свою этой перед том такой им
более между также который которые которая которых которого которой это этих
однако лишь пока ещё же ведь чтобы свой своей своих своего является были
жане мен бен пен да де та те бул осы сол ол олар биз сиз ушин туралы аркылы бойынша
кейин дейин бирак еди екен деп деди болып болды болган бар жок емес тагы тек ар
барлык катысты сиякты ретинде кезде онын оны оган онда бир бирге сондай сонымен
катар ягни немесе ари ал гана кана ма ме ба бе па пе жатыр керек мумкин айтты
алды берди келди деген дегенмен оз ози оздери биздин сиздин олардын коп аса ен оте
the a an and or but of to in on at for with by from as is are was were be been has
have had that this these those it its he she they we you his her their our not no
will would can could said says which who whom what when where after before over
into than then also about more most up out if so there
`)

// Month and weekday names and words that make up date and time lines,
// folded; a token starting with one of monthStems is a month.
var monthStems = []string{
	"январ", "феврал", "март", "апрел", "мая", "май", "июн", "июл", "август",
	"сентябр", "октябр", "ноябр", "декабр",
	"кантар", "акпан", "наурыз", "сауир", "мамыр", "маусым", "шилде", "тамыз",
	"кыркуйек", "казан", "караша", "желтоксан",
	"january", "february", "march", "april", "may", "june", "july", "august",
	"september", "october", "november", "december",
	"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
}

var dateWords = set(`
г гг год года году жыл жылы жылгы в во at on am pm gmt utc мск сегодня вчера
today yesterday updated обновлено обновлен published опубликовано опубликован
дата date жарияланган жанартылган кун куни сагат ago назад мин минут минуты
часов час часа hours hour minutes min бурын posted
понедельник вторник среда среду четверг пятница пятницу суббота субботу
воскресенье пн вт ср чт пт сб вс monday tuesday wednesday thursday friday
saturday sunday mon tue wed thu fri sat sun дуйсенби сейсенби сарсенби бейсенби
жума сенби жексенби
`)

// Patterns, folded, without the leading space (see hasAny).
var (
	// Headings that start a related-news feed or the comments: once the
	// article has begun, the article ends at them.
	relatedHeads = newPatterns(
		"читайте также", "читайте еще", "читайте тоже", "смотрите также", "похожие",
		"по теме", "другие новости", "другие материалы", "другие статьи", "другие истории",
		"еще новости", "еще по теме", "еще интервью", "еще статьи", "больше новостей",
		"лента новостей", "новостная лента", "последние новости", "свежие новости",
		"главное за", "главные новости", "популярное", "популярные", "самое читаемое",
		"самое популярное", "читаемое", "рекомендуем", "вам может быть интересно",
		"может быть интересно", "актуальное", "все новости", "новости партнеров",
		"такырыптас", "уксас", "байланысты жаналык", "сонгы жаналык", "баска жаналык",
		"озге жаналык", "жаналыктар лентасы", "жаналыктар таспасы", "коп окылган",
		"коп каралган", "оки отырыныз", "тагы окыныз", "осы такырыпта", "танымал",
		"related ", "read more", "read next", "read also", "also read", "see also",
		"more from", "more stories", "more news", "more on this", "more in",
		"you may also like", "you might also like", "recommended", "most read",
		"most popular", "most viewed", "latest news", "latest stories", "top stories",
		"trending ", "what to read next", "editor s picks", "in other news",
	)
	commentHeads = newPatterns(
		"комментари", "обсуждение", "отзывы", "пикирлер", "пикир ", "comments ",
		"comment ", "responses", "thoughts on", "leave a reply", "leave a comment",
		"discussion", "reactions",
	)
	// Related headings that may also open an inline link line in the middle
	// of an article ("Читайте также: …").
	inlineRelated = newPatterns(
		"читайте также", "читайте еще", "читайте тоже", "смотрите также", "по теме",
		"тагы окыныз", "оки отырыныз", "сондай ак окыныз", "осы такырыпта",
		"read more", "read also", "also read", "see also", "related ", "more on this",
		"read next",
	)
	telegramPats = newPatterns(
		"media is not supported", "view in telegram", "please open telegram",
		"open in telegram", "preview channel", "join channel", "forwarded from",
		"you can view and join", "download telegram", "pinned message",
		"if you have telegram", "open channel", "send message via telegram",
	)
	cookiePats = newPatterns("cookie", "куки", "файлы cookie", "персональных данных")
	footerPats = newPatterns(
		"copyright", "все права защищены", "права защищены", "all rights reserved",
		"барлык кукыктар коргалган", "кукыктар коргалган", "ссылка обязательна",
		"ссылка на источник обязательна", "при использовании материалов",
		"использование материалов", "перепечатка", "материалдарды пайдалан",
		"материалдарын пайдалан", "материалдарды кошир", "силтеме", "гиперсилтеме",
		"гиперссылка", "reuse this content", "powered by", "работает на wordpress",
		"theme by", "мнение редакции может не совпадать", "редакция не несет",
		"письменного разрешения редакции", "all content", "proudly powered",
	)
	legalPats = newPatterns(
		"политика конфиденциальности", "конфиденциальност", "privacy", "terms ",
		"условия использования", "пользовательское соглашение", "пайдалану ережелери",
		"карта сайта", "site map", "sitemap", "сайт картасы", "о проекте", "о нас",
		"about us", "about ", "contact ", "контакты", "байланыс", "реклама на сайте",
		"advertise", "редакция", "complaints", "cookie settings", "вакансии",
		"careers", "жарнама", "интернет приемная", "useful links", "полезные ссылки",
	)
	sharePats = newPatterns(
		"поделиться", "болису", "share ", "tweet ", "facebook", "twitter", "вконтакте",
		"vk ", "telegram", "whatsapp", "instagram", "одноклассники", "copy link",
		"скопировать ссылку", "email ", "print ", "распечатать", "басып шыгару",
		"версия для печати", "like this", "pinterest", "linkedin", "reddit",
		"youtube", "tiktok", "threads ", "мессенджер",
	)
	subscribePats = newPatterns(
		"подписывайтесь", "подпишитесь", "подписаться", "подписка", "subscribe",
		"newsletter", "рассылк", "жазылыныз", "жазылу", "sign up", "sign in", "log in",
		"login ", "войти", "регистрация", "киру ", "поддержите", "поддержать", "donate",
		"support us", "скачайте приложение", "download the app", "get the app",
		"our channel", "наш канал", "нашем канале", "біздин арна", "арнамызга",
	)
	adPats = newPatterns(
		"реклама", "advertisement", "жарнама", "sponsored", "партнерский материал",
		"на правах рекламы", "ad ", "promo ", "промо ",
	)
	filedPats = newPatterns("posted in ", "filed under ", "опубликовано в рубрике ", "рубрика ")
	tagFirst  = set(`теги тэги метки tags тегтер filed topics topic рубрика рубрики категория
		категории category categories keywords ключевые санат`)
	navPats = newPatterns(
		"предыдущая", "следующая", "previous", "next post", "next article", "skip to",
		"перейти к", "back to top", "наверх", "главная", "home ", "басты бет", "menu ",
		"меню ", "поиск ", "search ", "издеу", "версия для слабовидящих", "all news",
		"барлык жаналыктар", "load more", "показать еще", "загрузить еще", "тагы ",
		"accept ", "принять ", "согласен", "manage preferences", "настройки",
		"close ", "закрыть ", "жабу ", "ok ", "go to", "main content", "основному содержанию",
	)
	commentUIPats = newPatterns(
		"ответить ", "reply ", "жауап беру", "добавить комментарий", "оставить комментарий",
		"написать комментарий", "пикир калдыру", "пикир жазу", "your email address",
		"ваш адрес email", "адрес email не будет", "обязательные поля", "required fields",
		"post comment", "отправить", "жиберу", "войдите чтобы", "чтобы оставить",
		"атыныз", "электрондык пошта", "name ", "имя ", "log in to", "to comment",
		"save my name", "сохранить мое имя", "submit ",
	)
	metaPats = newPatterns(
		"просмотр", "views ", "min read", "время чтения", "минут чтения", "мин чтения",
		"reading time", "оку уакыты", "каралды", "окылды", "comments ", "комментари",
		"пикир ", "likes ", "нравится",
	)
	creditFirst = set(`фото фотография photo photos image images видео video источник
		source автор авторы author authors текст text by беседовал беседовала
		записал записала подготовил подготовила сурет суреттер дереккоз credit
		credits иллюстрация иллюстрации коллаж инфографика getty reuters ап ap
		afp тасс риа interview редактор editor корреспондент correspondent`)
	// Byline starts of date lines with a name.
	bylineFirst = set(`posted published updated опубликовано обновлено by автор от
		жарияланган жанартылган`)
)
