import { ApiError, apiErrorOf, safeJson } from '../../../web/api/client.js';

/**
 * Sends one file as the raw body and reports the bytes sent; fetch cannot report upload
 * progress, XMLHttpRequest can.
 */
export function uploadWithProgress<T>(
  path: string,
  file: Blob,
  onProgress: (share: number) => void,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', `/api${path}`);
    request.setRequestHeader('content-type', file.type || 'application/octet-stream');
    request.setRequestHeader('accept', 'application/json');
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    request.onerror = () => reject(new ApiError(0, 'network_error', 'network'));
    request.onload = () => {
      const data = request.responseText ? safeJson(request.responseText) : undefined;
      if (request.status >= 200 && request.status < 300) resolve(data as T);
      else reject(apiErrorOf(request.status, request.statusText, data));
    };
    request.send(file);
  });
}
