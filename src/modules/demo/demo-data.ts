/**
 * The four programmes of the source articles (../shared/seeds), with their real structure.
 * Where an article does not give a site's name, type or date, the value is marked
 * illustrative (`illustrative: true` on sites, "(ilustratif)" in text).
 */
type OrgKind = 'government' | 'platform' | 'ngo' | 'infrastructure' | 'other';
type SiteType = 'sentra_ekraf' | 'destinasi_wisata' | 'desa_wisata' | 'kabupaten_kota' | 'online';
type PartnerRole = 'lead' | 'implementing' | 'strategic' | 'infrastructure' | 'funding' | 'oversight' | 'other';

export type DemoOrganisation = { key: string; name: string; shortName: string; kind: OrgKind; website?: string };
export type DemoSite = { name: string; type: SiteType; regionCode: string; illustrative: boolean };
export type DemoPartner = { org: string; role: PartnerRole; mouNumber?: string; mouSignedOn?: string; mouScope?: string };
export type DemoTarget = { indicator: string; value: number; sector?: string; notes?: string };
type ModuleTopic = 'literasi_digital' | 'bisnis' | 'keuangan_dasar' | 'pembuatan_konten' | 'pemasaran_digital' | 'praktik_ecommerce';
export type DemoModule = { code: string; titleId: string; titleEn: string; topic: ModuleTopic; durationMinutes: number; description: string };
export type DemoProgramme = {
  code: string;
  name: string;
  description: string;
  owner: string;
  startDate: string;
  endDate: string;
  status: 'draft' | 'active' | 'completed';
  partners: DemoPartner[];
  sites: DemoSite[];
  targets: DemoTarget[];
  /** Curriculum modules, in learning-path order. */
  modules?: DemoModule[];
  /** Minimum share of the path's minutes to attend to complete it. */
  completionMinPercent?: number;
};

export const DEMO_ORGANISATIONS: DemoOrganisation[] = [
  { key: 'kemenparekraf', name: 'Kementerian Pariwisata dan Ekonomi Kreatif/Baparekraf', shortName: 'Kemenparekraf', kind: 'government', website: 'https://kemenparekraf.go.id' },
  { key: 'tiktok', name: 'TikTok Indonesia', shortName: 'TikTok', kind: 'platform' },
  { key: 'ppsw', name: 'Asosiasi Pusat Pengembangan Sumberdaya Wanita', shortName: 'PPSW', kind: 'ngo' },
  { key: 'plus', name: 'Platform Usaha Sosial', shortName: 'Plus', kind: 'ngo' },
  { key: 'telkom', name: 'Telkom Indonesia', shortName: 'Telkom', kind: 'infrastructure' },
  { key: 'dki', name: 'Dinas PPKUKM Provinsi DKI Jakarta', shortName: 'Dinas PPKUKM DKI', kind: 'government' },
  { key: 'facebook', name: 'Facebook Indonesia', shortName: 'Facebook', kind: 'platform' },
  { key: 'ksp', name: 'Kantor Staf Presiden', shortName: 'KSP', kind: 'government', website: 'https://ksp.go.id' },
  { key: 'ngo-tot', name: 'LSM Mitra Pelatih Roadshow (ilustratif)', shortName: 'LSM Mitra', kind: 'ngo' },
  { key: 'kominfo', name: 'Kementerian Komunikasi dan Informatika', shortName: 'Kominfo', kind: 'government', website: 'https://kominfo.go.id' },
];

const site = (name: string, type: SiteType, regionCode: string, illustrative = false): DemoSite => ({ name, type, regionCode, illustrative });

export const DEMO_PROGRAMMES: DemoProgramme[] = [
  {
    code: 'JALIN-NUSANTARA-2024',
    name: 'TikTok Jalin Nusantara',
    description:
      'Pelatihan keterampilan dan konektivitas digital bagi UMKM dan pelaku ekonomi kreatif di 10 sentra ekonomi kreatif dan 9 destinasi pariwisata; ' +
      'diluncurkan di Labuan Bajo 23 Januari 2024 dan direplikasi ke Samosir, Pekanbaru, Tangerang, Malang, Banyuwangi, Balikpapan dan Jayapura. ' +
      'Kurikulum: literasi digital, bisnis, keuangan dasar, pembuatan konten, pemasaran digital, praktik e-niaga.',
    owner: 'kemenparekraf',
    startDate: '2024-01-23',
    endDate: '2024-12-31',
    status: 'active',
    partners: [
      { org: 'tiktok', role: 'lead', mouSignedOn: '2024-01-23', mouScope: 'Nota kesepahaman Kemenparekraf/Baparekraf × TikTok Indonesia, ditandatangani di Puncak Waringin, Labuan Bajo' },
      { org: 'ppsw', role: 'implementing', mouSignedOn: '2023-06-01', mouScope: 'MoU dengan TikTok, Juni 2023 di Jakarta (tanggal persis ilustratif): pelatihan UMKM perempuan' },
      { org: 'plus', role: 'implementing', mouSignedOn: '2023-06-01', mouScope: 'MoU dengan TikTok, Juni 2023 di Jakarta (tanggal persis ilustratif): pendampingan usaha sosial' },
      { org: 'telkom', role: 'infrastructure', mouSignedOn: '2023-06-01', mouScope: 'MoU dengan TikTok, Juni 2023 di Jakarta (tanggal persis ilustratif): penguatan infrastruktur digital lokal' },
    ],
    sites: [
      site('Labuan Bajo', 'destinasi_wisata', '53.15'),
      site('Samosir', 'destinasi_wisata', '12.17'),
      site('Malang', 'destinasi_wisata', '35.73'),
      site('Banyuwangi', 'destinasi_wisata', '35.10'),
      site('Jayapura', 'destinasi_wisata', '91.71'),
      site('Desa Wisata Liang Ndara', 'desa_wisata', '53.15', true),
      site('Desa Wisata Tuktuk Siadong', 'desa_wisata', '12.17', true),
      site('Desa Wisata Kemiren', 'desa_wisata', '35.10', true),
      site('Desa Wisata Penglipuran', 'desa_wisata', '51.06', true),
      site('Pekanbaru', 'sentra_ekraf', '14.71'),
      site('Tangerang', 'sentra_ekraf', '36.71'),
      site('Balikpapan', 'sentra_ekraf', '64.71'),
      site('Sentra Ekraf Kota Bandung', 'sentra_ekraf', '32.73', true),
      site('Sentra Ekraf Kota Yogyakarta', 'sentra_ekraf', '34.71', true),
      site('Sentra Ekraf Kota Surakarta', 'sentra_ekraf', '33.72', true),
      site('Sentra Ekraf Kota Denpasar', 'sentra_ekraf', '51.71', true),
      site('Sentra Ekraf Kota Makassar', 'sentra_ekraf', '73.71', true),
      site('Sentra Ekraf Kota Medan', 'sentra_ekraf', '12.71', true),
      site('Sentra Ekraf Kota Pontianak', 'sentra_ekraf', '61.71', true),
    ],
    targets: [
      { indicator: 'sites_active', value: 19, notes: '10 sentra ekonomi kreatif dan 9 destinasi pariwisata' },
    ],
    // The six topics named in the launch article; durations are illustrative.
    modules: [
      { code: 'JN-LD', titleId: 'Literasi Digital', titleEn: 'Digital Literacy', topic: 'literasi_digital', durationMinutes: 90, description: 'Keamanan akun, etika bermedia sosial dan perangkat dasar (durasi ilustratif)' },
      { code: 'JN-BIS', titleId: 'Dasar-Dasar Bisnis', titleEn: 'Business Basics', topic: 'bisnis', durationMinutes: 90, description: 'Model usaha, pelanggan dan harga pokok (durasi ilustratif)' },
      { code: 'JN-KEU', titleId: 'Keuangan Dasar', titleEn: 'Basic Finance', topic: 'keuangan_dasar', durationMinutes: 90, description: 'Pencatatan kas, memisahkan uang usaha dan pribadi, pembayaran digital (durasi ilustratif)' },
      { code: 'JN-KON', titleId: 'Pembuatan Konten', titleEn: 'Content Creation', topic: 'pembuatan_konten', durationMinutes: 120, description: 'Foto dan video produk dengan ponsel, cerita usaha (durasi ilustratif)' },
      { code: 'JN-PEM', titleId: 'Pemasaran Digital', titleEn: 'Digital Marketing', topic: 'pemasaran_digital', durationMinutes: 120, description: 'Akun bisnis, siaran langsung, iklan dan analitik (durasi ilustratif)' },
      { code: 'JN-ECOM', titleId: 'Praktik E-Niaga', titleEn: 'E-commerce Practice', topic: 'praktik_ecommerce', durationMinutes: 120, description: 'Membuka toko daring, mengunggah produk, melayani pesanan (durasi ilustratif)' },
    ],
    completionMinPercent: 80,
  },
  {
    code: 'JAKPRENEUR-2024',
    name: 'Pelatihan Digital Jakpreneur × TikTok',
    description:
      'Pemprov DKI Jakarta bersama TikTok melatih digitalisasi dan berjualan daring bagi 370.000 pelaku usaha anggota Jakpreneur; hanya anggota yang aktif dan bersedia yang diajak.',
    owner: 'dki',
    startDate: '2024-01-01',
    endDate: '2024-12-31',
    status: 'active',
    partners: [{ org: 'tiktok', role: 'implementing', mouScope: 'Kolaborasi pelatihan UMKM Jakpreneur (dibahas November 2023)' }],
    sites: [
      site('Jakarta Pusat', 'kabupaten_kota', '31.71', true),
      site('Jakarta Utara', 'kabupaten_kota', '31.72', true),
      site('Jakarta Barat', 'kabupaten_kota', '31.73', true),
      site('Jakarta Selatan', 'kabupaten_kota', '31.74', true),
      site('Jakarta Timur', 'kabupaten_kota', '31.75', true),
      site('Kepulauan Seribu', 'kabupaten_kota', '31.01', true),
    ],
    targets: [
      { indicator: 'msme_enrolled', value: 370_000, notes: 'Anggota Jakpreneur' },
      { indicator: 'msme_trained', value: 370_000 },
    ],
  },
  {
    code: 'FB-UMKM-TIMUR-2018',
    name: 'Facebook: Pemberdayaan 10.000 UMKM Indonesia Timur',
    description:
      'Pelatihan pemanfaatan media sosial bagi UMKM di 10 kota, terutama Indonesia Timur, mulai 14 Agustus 2018, oleh LSM mitra yang dilatih melalui training of trainers; ' +
      'juga melatih pemerintah daerah (humas) menggunakan media sosial. KSP meminta pemantauan dan evaluasi hasil dan dampak.',
    owner: 'facebook',
    startDate: '2018-08-14',
    endDate: '2018-12-31',
    status: 'completed',
    partners: [
      { org: 'ngo-tot', role: 'implementing', mouScope: 'LSM terlatih (training of trainers) menjalankan roadshow ke kota-kota (ilustratif)' },
      { org: 'ksp', role: 'oversight', mouScope: 'Audiensi 31 Juli 2018: dukungan pemerintah, pemantauan dan evaluasi' },
    ],
    sites: [
      site('Makassar', 'kabupaten_kota', '73.71', true),
      site('Manado', 'kabupaten_kota', '71.71', true),
      site('Ambon', 'kabupaten_kota', '81.71', true),
      site('Jayapura', 'kabupaten_kota', '91.71', true),
      site('Kupang', 'kabupaten_kota', '53.71', true),
      site('Mataram', 'kabupaten_kota', '52.71', true),
      site('Sorong', 'kabupaten_kota', '96.71', true),
      site('Ternate', 'kabupaten_kota', '82.71', true),
      site('Palu', 'kabupaten_kota', '72.71', true),
      site('Surabaya', 'kabupaten_kota', '35.78', true),
    ],
    targets: [{ indicator: 'msme_trained', value: 10_000 }],
  },
  {
    code: 'KOMINFO-UMKM-2022',
    name: 'Pendampingan Digital UMKM Sektor Pengolahan 2022',
    description:
      'Kementerian Kominfo mendampingi 30.000 UMKM sektor pengolahan (makanan, minuman, kerajinan kayu, anyaman, tekstil, pakaian jadi, furnitur, kerajinan kulit, kerajinan tangan) ' +
      'di 13 kawasan prioritas termasuk Nusa Tenggara Timur, Mei–Oktober 2022, melibatkan generasi muda dan tokoh agama sebagai penggerak digital.',
    owner: 'kominfo',
    startDate: '2022-05-01',
    endDate: '2022-10-31',
    status: 'completed',
    partners: [],
    sites: [
      site('Kawasan Prioritas Nusa Tenggara Timur', 'kabupaten_kota', '53'),
      site('Kawasan Danau Toba', 'kabupaten_kota', '12.12', true),
      site('Kawasan Borobudur', 'kabupaten_kota', '33.08', true),
      site('Kawasan Mandalika', 'kabupaten_kota', '52.02', true),
      site('Kawasan Likupang', 'kabupaten_kota', '71.06', true),
      site('Kawasan Belitung', 'kabupaten_kota', '19.02', true),
      site('Kawasan Jepara', 'kabupaten_kota', '33.20', true),
      site('Kawasan Gianyar', 'kabupaten_kota', '51.04', true),
      site('Kawasan Padang', 'kabupaten_kota', '13.71', true),
      site('Kawasan Banjarmasin', 'kabupaten_kota', '63.71', true),
      site('Kawasan Kendari', 'kabupaten_kota', '74.71', true),
      site('Kawasan Gorontalo', 'kabupaten_kota', '75.71', true),
      site('Kawasan Mamuju', 'kabupaten_kota', '76.02', true),
    ],
    targets: [
      { indicator: 'msme_mentored', value: 30_000, notes: 'Sektor pengolahan di 13 kawasan prioritas' },
      { indicator: 'regencies_reached', value: 13 },
    ],
  },
];
