/**
 * The column titles the import recognises per roster field, mirroring HEADER_SYNONYMS in
 * src/core/roster-headers.ts. They are what people type in their spreadsheets, in Indonesian
 * or English, so they are shown as they are in both languages rather than translated.
 */
export const ROSTER_COLUMNS = [
  { field: 'businessName', required: true, headers: ['Nama Usaha', 'Business Name', 'Nama UMKM', 'Nama Toko', 'Nama Bisnis', 'Nama Merek', 'Business'] },
  { field: 'ownerName', required: true, headers: ['Nama Pemilik', 'Owner Name', 'Nama', 'Name', 'Nama Lengkap', 'Pemilik', 'Owner', 'Full Name', 'Nama Pemilik Usaha', 'Nama Peserta'] },
  { field: 'nik', required: false, headers: ['NIK', 'No KTP', 'Nomor KTP', 'NIK KTP', 'Nomor Induk Kependudukan', 'KTP'] },
  { field: 'phone', required: false, headers: ['No. HP', 'Nomor HP', 'HP', 'Telepon', 'No Telepon', 'Telp', 'Phone', 'Phone Number', 'Mobile', 'No WA', 'WhatsApp', 'Handphone'] },
  { field: 'regency', required: true, headers: ['Kabupaten/Kota', 'Kab/Kota', 'Kota/Kabupaten', 'Kabupaten', 'Kota', 'Regency', 'City', 'Regency/City'] },
  { field: 'province', required: false, headers: ['Provinsi', 'Province', 'Propinsi', 'Prov'] },
  { field: 'nib', required: false, headers: ['NIB', 'Nomor Induk Berusaha', 'No NIB', 'Nomor NIB'] },
  { field: 'email', required: false, headers: ['Email', 'E-mail', 'Alamat Email', 'Surel', 'Email Address'] },
  { field: 'gender', required: false, headers: ['Jenis Kelamin', 'Gender', 'JK', 'Sex', 'L/P'] },
  { field: 'sector', required: false, headers: ['Sektor', 'Sector', 'Sektor Usaha', 'Bidang Usaha', 'Jenis Usaha', 'Kategori', 'Category'] },
  { field: 'address', required: false, headers: ['Alamat', 'Address', 'Alamat Usaha', 'Alamat Lengkap'] },
  { field: 'active', required: false, headers: ['Status Aktif', 'Active', 'Aktif', 'Status', 'Status Keaktifan'] },
  { field: 'willing', required: false, headers: ['Bersedia Ikut Pelatihan', 'Willing', 'Bersedia', 'Kesediaan', 'Willing to Join'] },
] as const;
