/** The errors of reading an uploaded table, with the user-facing advice in both languages. */
import { AppError } from '../../../platform/errors.js';

const SAVE_AS_XLSX = {
  vi: 'hãy mở tệp trong Excel và lưu lại dạng .xlsx',
  en: 'open the file in Excel and save it as .xlsx',
};

/** `.xls` (BIFF, Excel 97-2003) files, by name or by content. */
export function xlsNotSupported(): AppError {
  return new AppError(
    'IMPORT_FORMAT_UNSUPPORTED',
    { reason: 'xls' },
    {
      vi: `Tệp .xls (Excel 97-2003) chưa được hỗ trợ; ${SAVE_AS_XLSX.vi}`,
      en: `.xls files (Excel 97-2003) are not supported yet; ${SAVE_AS_XLSX.en}`,
    },
  );
}

export function formatNotSupported(extension: string): AppError {
  return new AppError(
    'IMPORT_FORMAT_UNSUPPORTED',
    { reason: 'extension', extension },
    {
      vi: `Định dạng tệp "${extension || '(không có đuôi)'}" không được hỗ trợ; hãy dùng tệp .xlsx hoặc .csv`,
      en: `The file type "${extension || '(no extension)'}" is not supported; use an .xlsx or .csv file`,
    },
  );
}

/** Bytes that are not UTF-8: a legacy Vietnamese encoding, never guessed. */
export function notUtf8(line: number): AppError {
  return new AppError(
    'IMPORT_FILE_UNREADABLE',
    { reason: 'encoding', line },
    {
      vi:
        `Tệp CSV không dùng mã hóa UTF-8 (lỗi từ dòng ${line}; có thể là TCVN3, VNI hoặc Windows-1258). ` +
        'Hãy mở tệp trong Excel, chọn Lưu thành (Save As) → "CSV UTF-8 (Comma delimited)" rồi tải lên lại',
      en:
        `The CSV file is not UTF-8 encoded (from line ${line}; perhaps TCVN3, VNI or Windows-1258). ` +
        'Open it in Excel, choose Save As → "CSV UTF-8 (Comma delimited)" and upload it again',
    },
  );
}

export function unsupportedEncoding(encoding: string): AppError {
  return new AppError(
    'IMPORT_FILE_UNREADABLE',
    { reason: 'encoding', encoding },
    {
      vi: `Tệp CSV dùng mã hóa ${encoding}, chưa được hỗ trợ; hãy lưu lại dạng "CSV UTF-8 (Comma delimited)"`,
      en: `The CSV file is ${encoding} encoded, which is not supported; save it as "CSV UTF-8 (Comma delimited)"`,
    },
  );
}

export function unclosedQuote(line: number): AppError {
  return new AppError(
    'IMPORT_FILE_UNREADABLE',
    { reason: 'quote', line },
    {
      vi: `Tệp CSV hỏng: dấu ngoặc kép (") mở ở khoảng dòng ${line} không được đóng`,
      en: `The CSV file is damaged: a double quote (") opened around line ${line} is never closed`,
    },
  );
}

/** A compound (OLE) file: an .xls renamed, or an .xlsx protected by a password. */
export function oleNotSupported(): AppError {
  return new AppError(
    'IMPORT_FILE_UNREADABLE',
    { reason: 'ole' },
    {
      vi: `Tệp là bảng tính Excel 97-2003 (.xls) hoặc tệp có đặt mật khẩu; hãy bỏ mật khẩu, ${SAVE_AS_XLSX.vi}`,
      en: `The file is an Excel 97-2003 (.xls) workbook or password-protected; remove the password, ${SAVE_AS_XLSX.en}`,
    },
  );
}

export function damagedXlsx(cause?: string): AppError {
  return new AppError(
    'IMPORT_FILE_UNREADABLE',
    { reason: 'xlsx', ...(cause ? { cause } : {}) },
    {
      vi: `Tệp không phải bảng tính .xlsx hợp lệ hoặc đã bị hỏng; ${SAVE_AS_XLSX.vi}`,
      en: `The file is not a valid .xlsx workbook or is damaged; ${SAVE_AS_XLSX.en}`,
    },
  );
}

export function sheetNotFound(sheet: string, sheetNames: string[]): AppError {
  return new AppError(
    'IMPORT_FILE_UNREADABLE',
    { reason: 'sheet', sheet, sheetNames },
    {
      vi: `Không có trang tính "${sheet}" trong tệp (có: ${sheetNames.join(', ')})`,
      en: `The workbook has no sheet "${sheet}" (it has: ${sheetNames.join(', ')})`,
    },
  );
}
