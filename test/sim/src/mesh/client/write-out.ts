// curl's --write-out: %{variable} substitution, %% and the \n \r \t escapes. Variables
// the simulator does not know are reported as curl does and print nothing.

export interface TransferInfo {
  httpCode: number;
  timeTotalS: number;
  sizeDownload: number;
  sizeHeader: number;
  url: string;
  contentType?: string;
  exitCode: number;
  errorMessage: string;
  httpVersion: string;
  method: string;
  scheme: string;
  numHeaders: number;
}

const seconds = (s: number) => s.toFixed(6);

function value(name: string, t: TransferInfo): string | undefined {
  switch (name) {
    case 'http_code':
    case 'response_code':
      return String(t.httpCode).padStart(3, '0');
    case 'time_total':
    case 'time_starttransfer':
      return seconds(t.timeTotalS);
    case 'time_namelookup':
      return seconds(Math.min(t.timeTotalS, 0.000_512));
    case 'time_connect':
    case 'time_pretransfer':
      return seconds(Math.min(t.timeTotalS, 0.001_024));
    case 'time_appconnect':
      return seconds(t.scheme === 'https' ? Math.min(t.timeTotalS, 0.002_048) : 0);
    case 'time_redirect':
      return seconds(0);
    case 'size_download':
      return String(t.sizeDownload);
    case 'size_header':
      return String(t.sizeHeader);
    case 'size_upload':
    case 'num_redirects':
      return '0';
    case 'num_connects':
      return t.httpCode ? '1' : '0';
    case 'num_headers':
      return String(t.numHeaders);
    case 'url':
    case 'url_effective':
      return t.url;
    case 'content_type':
      return t.contentType ?? '';
    case 'exitcode':
      return String(t.exitCode);
    case 'errormsg':
      return t.errorMessage;
    case 'http_version':
      return t.httpVersion;
    case 'method':
      return t.method;
    case 'scheme':
      return t.scheme;
    default:
      return undefined;
  }
}

/** Returns the text for stdout and any warnings curl prints on stderr. */
export function formatWriteOut(fmt: string, t: TransferInfo): { text: string; warnings: string } {
  let text = '';
  let warnings = '';
  for (let i = 0; i < fmt.length; i++) {
    const c = fmt[i]!;
    if (c === '%' && fmt[i + 1] === '%') {
      text += '%';
      i++;
    } else if (c === '%' && fmt[i + 1] === '{') {
      const end = fmt.indexOf('}', i + 2);
      if (end === -1) {
        text += fmt.slice(i);
        break;
      }
      const name = fmt.slice(i + 2, end);
      const v = value(name, t);
      if (v === undefined) warnings += `curl: unknown --write-out variable: '${name}'\n`;
      else text += v;
      i = end;
    } else if (c === '\\' && i + 1 < fmt.length && 'nrt\\'.includes(fmt[i + 1]!)) {
      const e = fmt[++i]!;
      text += e === 'n' ? '\n' : e === 'r' ? '\r' : e === 't' ? '\t' : '\\';
    } else {
      text += c;
    }
  }
  return { text, warnings };
}
