// Interface text: Bahasa Indonesia first, English second.
export type Lang = "id" | "en";

const TEXT = {
  siteName: ["Perpustakaan Kota Ternate", "Ternate City Library"],
  skip: ["Langsung ke isi", "Skip to content"],
  home: ["Beranda", "Home"],
  news: ["Berita", "News"],
  programs: ["Kegiatan", "Programs"],
  catalog: ["Katalog", "Catalog"],
  search: ["Cari", "Search"],
  searchSite: ["Cari di situs", "Search the site"],
  searchCatalog: ["Cari buku", "Search books"],
  searchLabel: ["Kata kunci", "Keywords"],
  results: ["hasil", "results"],
  noResults: ["Tidak ada hasil.", "No results."],
  more: ["Berikutnya", "Next"],
  readMore: ["Baca selengkapnya", "Read more"],
  account: ["Akun saya", "My account"],
  signIn: ["Masuk", "Sign in"],
  signUp: ["Daftar", "Sign up"],
  signOut: ["Keluar", "Sign out"],
  email: ["Surel", "E-mail"],
  password: ["Kata sandi", "Password"],
  signInFailed: ["Surel atau kata sandi salah.", "Wrong e-mail or password."],
  signUpDone: [
    "Hampir selesai: buka tautan yang kami kirim ke surel Anda untuk memastikan alamatnya.",
    "Almost done: open the link we sent to your e-mail to confirm the address.",
  ],
  signUpFailed: ["Pendaftaran gagal", "Sign-up failed"],
  verifyTitle: ["Pastikan alamat surel", "Confirm your e-mail address"],
  verifyButton: ["Pastikan", "Confirm"],
  verified: ["Alamat surel sudah dipastikan. Silakan masuk.", "Address confirmed. Please sign in."],
  verifyFailed: ["Tautan tidak sah atau kedaluwarsa.", "The link is invalid or has expired."],
  loans: ["Pinjaman", "Loans"],
  holds: ["Pesanan", "Holds"],
  registrations: ["Pendaftaran kegiatan", "Program registrations"],
  due: ["Jatuh tempo", "Due"],
  queue: ["Antrean", "Queue"],
  none: ["Belum ada.", "None yet."],
  author: ["Pengarang", "Author"],
  year: ["Tahun", "Year"],
  publisher: ["Penerbit", "Publisher"],
  callNumber: ["Nomor panggil", "Call number"],
  language: ["Bahasa", "Language"],
  reviews: ["Ulasan", "Reviews"],
  writeReview: ["Tulis ulasan", "Write a review"],
  rating: ["Nilai (1–5 bintang)", "Rating (1–5 stars)"],
  reviewText: ["Ulasan Anda (paling sedikit 20 huruf)", "Your review (at least 20 characters)"],
  spoilers: ["Ulasan ini membocorkan cerita", "This review gives the plot away"],
  send: ["Kirim", "Send"],
  reviewSent: ["Terima kasih, ulasan Anda terkirim.", "Thank you, your review was sent."],
  signInToReview: ["Masuk untuk menulis ulasan.", "Sign in to write a review."],
  stars: ["bintang", "stars"],
  notFound: ["Halaman tidak ditemukan", "Page not found"],
  notFoundText: [
    "Halaman yang Anda cari tidak ada atau sudah dipindahkan.",
    "The page you are looking for does not exist or has moved.",
  ],
  error: ["Terjadi galat", "Something went wrong"],
  errorText: ["Coba lagi sebentar lagi.", "Please try again in a moment."],
  formExpired: ["Formulir kedaluwarsa, coba lagi.", "The form expired, please try again."],
  preview: ["Pratinjau draf", "Draft preview"],
  previewInvalid: ["Tautan pratinjau tidak sah atau kedaluwarsa.", "The preview link is invalid or has expired."],
  switchLang: ["English", "Bahasa Indonesia"],
  langMenu: ["Bahasa", "Language"],
  mainNav: ["Navigasi utama", "Main navigation"],
  upcoming: ["Kegiatan mendatang", "Upcoming programs"],
  latestNews: ["Berita terbaru", "Latest news"],
  featured: ["Pilihan", "Featured"],
  availability: ["Ketersediaan", "Availability"],
  available: ["tersedia", "available"],
  copies: ["eksemplar", "copies"],
  holdsWaiting: ["pesanan menunggu", "holds waiting"],
  placeHold: ["Pesan buku ini", "Place a hold"],
  pickupAt: ["Ambil di", "Pick up at"],
  holdPlaced: ["Pesanan tercatat. Kami kabari saat buku siap diambil.", "Hold placed. We will tell you when the book is ready."],
  signInToHold: ["Masuk untuk memesan buku ini.", "Sign in to place a hold."],
  when: ["Waktu", "When"],
  venue: ["Tempat", "Venue"],
  register: ["Daftar kegiatan ini", "Register for this program"],
  registered: ["Pendaftaran Anda tercatat.", "You are registered."],
  registrationClosed: ["Pendaftaran ditutup.", "Registration is closed."],
  signInToRegister: ["Masuk untuk mendaftar.", "Sign in to register."],
  by: ["oleh", "by"],
} as const;

export type Key = keyof typeof TEXT;

export function t(lang: Lang, key: Key): string {
  return TEXT[key][lang === "en" ? 1 : 0];
}

export function formatDate(lang: Lang, value: string | null | undefined): string {
  if (!value) return "";
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return new Intl.DateTimeFormat(lang === "en" ? "en-GB" : "id-ID", {
    dateStyle: "long",
    timeZone: "Asia/Jayapura",
  }).format(date);
}
